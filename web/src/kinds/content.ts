// Helpers for each kind's form state and the content the API accepts (src/kinds/<kind>/<kind>.content.ts).
// The form keeps every field a marketer might switch back to; a kind's `clean` sends only what applies, with empty
// optional fields left out (the API refuses "" where it expects a URL or a date) and local date-times as ISO 8601.

export type FormContent = Record<string, unknown>;

/** datetime-local value ("2026-05-01T09:00", the browser's zone) → ISO 8601 UTC; "" stays undefined. */
export function localToIso(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}

/** ISO 8601 → datetime-local value in the browser's zone. */
export function isoToLocal(value: unknown): string {
  if (typeof value !== 'string' || !value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** Drops undefined values so the API sees only what was given. */
export function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
