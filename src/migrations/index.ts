import { Platform1732400000000 } from './1732400000000-platform';
import { Audience1732400000100 } from './1732400000100-audience';
import { Campaigns1732400000300 } from './1732400000300-campaigns';
import { Events1732400000400 } from './1732400000400-events';
import { Tracking1732400000650 } from './1732400000650-tracking';

// Every migration, in order. Listed explicitly so the same array works from
// compiled JS, from ts under Jest and from the CLI. Each module appends its own.
export const migrations = [Platform1732400000000, Audience1732400000100, Campaigns1732400000300, Events1732400000400, Tracking1732400000650];
