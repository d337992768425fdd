// Scheduling: the marketer picks a wall-clock date and time in a timezone; the API wants ISO 8601 with an offset.

/** Offset of `timeZone` from UTC, in minutes, at the instant `utcMs`. */
export function offsetMinutes(timeZone: string, utcMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/**
 * "2026-03-29", "09:30", "Europe/Amsterdam" → "2026-03-29T09:30:00+02:00".
 * The offset is the one in force at that wall-clock time (daylight saving included).
 */
export function zonedToIso(date: string, time: string, timeZone: string): string {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  if ([y, mo, d, h, mi].some((n) => !Number.isFinite(n))) throw new Error(`not a date and time: ${date} ${time}`);
  const wallAsUtc = Date.UTC(y, mo - 1, d, h, mi);
  // Two passes: the first guess can sit on the other side of a DST change.
  let offset = offsetMinutes(timeZone, wallAsUtc);
  offset = offsetMinutes(timeZone, wallAsUtc - offset * 60_000);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function timeZones(): string[] {
  const supported = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.(
    'timeZone',
  );
  const zones = supported?.length
    ? supported
    : ['UTC', 'Europe/Amsterdam', 'Europe/Brussels', 'Europe/London', 'America/New_York'];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}
