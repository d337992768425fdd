import type { DataSource } from 'typeorm';
import { sql } from '../common/db/sql-dialect';

/** The names of the campaigns with these ids (nulls and repeats allowed), for screens that show events. */
export async function campaignNames(ds: DataSource, ids: ReadonlyArray<number | null>): Promise<Map<number, string>> {
  const unique = [...new Set(ids.filter((id): id is number => id !== null))];
  const names = new Map<number, string>();
  for (let i = 0; i < unique.length; i += 500) {
    const slice = unique.slice(i, i + 500);
    const rows: Array<{ id: unknown; name: string }> = await ds.query(
      sql(ds, `SELECT id, name FROM campaigns WHERE id IN (${slice.map(() => '?').join(',')})`),
      slice,
    );
    for (const r of rows) names.set(Number(r.id), r.name);
  }
  return names;
}
