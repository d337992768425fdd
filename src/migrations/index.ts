import { Platform1732400000000 } from './1732400000000-platform';

// Every migration, in order. Listed explicitly so the same array works from
// compiled JS, from ts under Jest and from the CLI.
export const migrations = [Platform1732400000000];
