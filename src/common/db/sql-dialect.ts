import { DataSource, EntityManager } from 'typeorm';

/** A Date as the driver stores it, for raw SQL comparisons (SQLite keeps UTC text). */
export function dbTime(dataSource: DataSource, date: Date): Date | string {
  if (dataSource.options.type === 'postgres') return date;
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

export function isPostgres(dataSource: DataSource): boolean {
  return dataSource.options.type === 'postgres';
}

/** Rewrites `?` placeholders to $1..$n for PostgreSQL so one SQL text serves both drivers. */
export function sql(dataSource: DataSource, text: string): string {
  if (!isPostgres(dataSource)) return text;
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/** A boolean parameter for raw SQL (better-sqlite3 binds no booleans). */
export function dbBool(dataSource: DataSource, value: boolean): boolean | number {
  return isPostgres(dataSource) ? value : value ? 1 : 0;
}

/** Runs a raw write and returns the number of rows it changed, on either driver. */
export async function execute(db: DataSource | EntityManager, text: string, parameters: unknown[]): Promise<number> {
  const ds = db instanceof DataSource ? db : db.connection;
  const existing = db instanceof DataSource ? undefined : db.queryRunner;
  const runner = existing ?? ds.createQueryRunner();
  try {
    const result = await runner.query(sql(ds, text), parameters, true);
    return result.affected ?? 0;
  } finally {
    if (!existing) await runner.release();
  }
}

/** A timestamp column as raw SQL returns it: a Date from pg, UTC text without a zone from SQLite. */
export function readDbTime(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(text.replace(' ', 'T') + (/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? '' : 'Z'));
}

/** A timestamp column truncated to its UTC hour, as text 'YYYY-MM-DD HH:00:00' on both drivers (read it with readDbTime). */
export function utcHour(dataSource: DataSource, column: string): string {
  return isPostgres(dataSource)
    ? `to_char(date_trunc('hour', ${column} AT TIME ZONE 'UTC'), 'YYYY-MM-DD HH24:00:00')`
    : `strftime('%Y-%m-%d %H:00:00', ${column})`;
}

// SQLite keeps UTC text that starts with the date: its day and month are a prefix.
/** A timestamp column's UTC day as text 'YYYY-MM-DD' on both drivers. */
export function utcDay(dataSource: DataSource, column: string): string {
  return isPostgres(dataSource) ? `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')` : `substr(${column}, 1, 10)`;
}

/** A timestamp column's UTC month as text 'YYYY-MM' on both drivers. */
export function utcMonth(dataSource: DataSource, column: string): string {
  return isPostgres(dataSource) ? `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM')` : `substr(${column}, 1, 7)`;
}

// JSON is stored as text on both drivers (columns.ts). `key` is a constant of ours, never input.
const jsonKey = (key: string): string => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`not a JSON key we read in SQL: ${key}`);
  return key;
};

/** A top-level field of a JSON text column as text; null when absent. */
export function jsonText(dataSource: DataSource, column: string, key: string): string {
  const k = jsonKey(key);
  return isPostgres(dataSource)
    ? `(CAST(${column} AS json) ->> '${k}')`
    : `CAST(json_extract(${column}, '$.${k}') AS TEXT)`;
}

/** A top-level numeric field of a JSON text column; null when absent or not a number (so a stray value cannot fail the query). */
export function jsonNumber(dataSource: DataSource, column: string, key: string): string {
  const k = jsonKey(key);
  return isPostgres(dataSource)
    ? `(CASE WHEN json_typeof(CAST(${column} AS json) -> '${k}') = 'number' THEN CAST(CAST(${column} AS json) ->> '${k}' AS numeric) END)`
    : `(CASE WHEN json_type(${column}, '$.${k}') IN ('integer', 'real') THEN json_extract(${column}, '$.${k}') END)`;
}
