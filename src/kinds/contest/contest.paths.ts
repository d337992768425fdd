// No imports: controllers read this in their decorators, at load time.

/** The first segment of this kind's public page URLs. */
export const CONTEST_PATH = 'c';
