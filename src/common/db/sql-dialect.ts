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
