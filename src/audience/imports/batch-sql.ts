import { EntityManager } from 'typeorm';
import { DateUtils } from 'typeorm/util/DateUtils';
import type { Dialect } from '../segments/segment-fields';

// Well under SQLite's 32766 and PostgreSQL's 65535 bound parameters per statement.
const MAX_PARAMS = 30000;

/** Multi-row statements with bound parameters for the import's hot path. Table and column names are constants of the caller. */
export class BatchSql {
  constructor(
    private readonly manager: EntityManager,
    private readonly dialect: Dialect,
  ) {}

  private placeholder(n: number): string {
    return this.dialect === 'postgres' ? `$${n}` : '?';
  }

  /** A timestamp as each driver binds it (better-sqlite3 cannot bind Date). */
  timestamp(date: Date): Date | string {
    return this.dialect === 'postgres' ? date : DateUtils.mixedDateToUtcDatetimeString(date);
  }

  async insert(table: string, columns: string[], rows: unknown[][]): Promise<void> {
    await this.insertReturning(table, columns, rows);
  }

  /** Multi-row INSERT; with `returning`, the inserted rows' columns (SQLite ≥ 3.35 and PostgreSQL both support RETURNING). */
  async insertReturning<T>(table: string, columns: string[], rows: unknown[][], returning?: string[]): Promise<T[]> {
    const out: T[] = [];
    const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
    for (let start = 0; start < rows.length; start += perStatement) {
      const chunk = rows.slice(start, start + perStatement);
      const params: unknown[] = [];
      const tuples = chunk.map(
        (row) => `(${row.map((value) => (params.push(value), this.placeholder(params.length))).join(', ')})`,
      );
      const suffix = returning ? ` RETURNING ${returning.join(', ')}` : '';
      const result: unknown = await this.manager.query(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}${suffix}`,
        params,
      );
      if (returning) out.push(...(result as T[]));
    }
    return out;
  }

  /** `prefix` ends in "... IN"; `leading` binds the prefix's own placeholders (written as `:1`, `:2`...), then the values are bound. */
  async selectIn<T>(prefix: string, values: Array<string | number>, leading: unknown[] = []): Promise<T[]> {
    const out: T[] = [];
    const head = prefix.replace(/:(\d+)/g, (_, n: string) => this.placeholder(Number(n)));
    for (let start = 0; start < values.length; start += MAX_PARAMS) {
      const chunk = values.slice(start, start + MAX_PARAMS);
      const list = chunk.map((_, i) => this.placeholder(leading.length + i + 1)).join(', ');
      out.push(...((await this.manager.query(`${head} (${list})`, [...leading, ...chunk])) as T[]));
    }
    return out;
  }
}

export function parseAttributes(raw: unknown): Record<string, unknown> {
  if (raw && typeof raw === 'object') return raw as Record<string, unknown>;
  try {
    const value: unknown = JSON.parse(String(raw ?? '{}'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
