import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isPostgres, sql } from '../../common/db/sql-dialect';

export interface AttributeKeyCount {
  /** The most used spelling; segments match any spelling without regard to case. */
  key: string;
  /** Subscribers that have it (all spellings together). */
  count: number;
  /** Other spellings in use, e.g. "stad" beside "Stad". */
  otherSpellings: string[];
}

export interface AttributeValueCount {
  value: string | number | boolean;
  count: number;
}

const MAX_KEYS = 200;

/** What the segment builder suggests: the attribute names in use, and the commonest values of one. */
@Injectable()
export class AttributeCatalogue {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async keys(): Promise<AttributeKeyCount[]> {
    const each = isPostgres(this.dataSource) ? 'jsonb_each(s.attributes::jsonb)' : 'json_each(s.attributes)';
    const rows: Array<{ key: string; n: number | string }> = await this.dataSource.query(
      `SELECT j.key AS key, COUNT(*) AS n FROM subscribers s, ${each} j WHERE s.erased_at IS NULL GROUP BY j.key ORDER BY n DESC, j.key LIMIT ${MAX_KEYS * 4}`,
    );
    const byFolded = new Map<string, AttributeKeyCount>();
    for (const row of rows) {
      const folded = row.key.toLowerCase();
      const seen = byFolded.get(folded);
      if (seen) {
        seen.count += Number(row.n);
        seen.otherSpellings.push(row.key);
      } else byFolded.set(folded, { key: row.key, count: Number(row.n), otherSpellings: [] });
    }
    return [...byFolded.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)).slice(0, MAX_KEYS);
  }

  async values(key: string, limit = 20): Promise<AttributeValueCount[]> {
    const pg = isPostgres(this.dataSource);
    const query = pg
      ? `SELECT j.value #>> '{}' AS value, jsonb_typeof(j.value) AS type, COUNT(*) AS n
         FROM subscribers s, jsonb_each(s.attributes::jsonb) j
         WHERE s.erased_at IS NULL AND lower(j.key) = lower(?) AND jsonb_typeof(j.value) IN ('string', 'number', 'boolean')
         GROUP BY 1, 2 ORDER BY n DESC, 1 LIMIT ?`
      : `SELECT CAST(j.value AS TEXT) AS value, j.type AS type, COUNT(*) AS n
         FROM subscribers s, json_each(s.attributes) j
         WHERE s.erased_at IS NULL AND lower(j.key) = lower(?) AND j.type IN ('text', 'integer', 'real', 'true', 'false')
         GROUP BY 1, 2 ORDER BY n DESC, 1 LIMIT ?`;
    const rows: Array<{ value: string; type: string; n: number | string }> = await this.dataSource.query(
      sql(this.dataSource, query),
      [key, limit],
    );
    return rows.map((r) => ({ value: typed(r.value, r.type), count: Number(r.n) }));
  }
}

function typed(value: string, type: string): string | number | boolean {
  if (type === 'true' || type === 'false') return type === 'true';
  if (type === 'boolean') return value === 'true';
  if (type === 'integer' || type === 'real' || type === 'number') return Number(value);
  return value;
}
