import { DataSource } from 'typeorm';
import { dbTime, execute, sql } from '../../common/db/sql-dialect';

const DAY_MS = 86_400_000;

/** Imports that finished before this have their bad rows removed. */
export function importErrorsCutoff(now: Date, keepDays: number): Date {
  return new Date(now.getTime() - keepDays * DAY_MS);
}

/** Removes the bad rows of imports that finished before the cutoff, one import at a time; the import's counts stay. */
export async function pruneImportErrors(ds: DataSource, cutoff: Date, batch: number): Promise<number> {
  let removed = 0;
  for (;;) {
    const rows: { id: number }[] = await ds.query(
      sql(
        ds,
        'SELECT i.id FROM imports i WHERE i.finished_at < ? AND EXISTS (SELECT 1 FROM import_errors e WHERE e.import_id = i.id) LIMIT 1',
      ),
      [dbTime(ds, cutoff)],
    );
    if (rows.length === 0) return removed;
    const importId = Number(rows[0].id);
    for (;;) {
      const deleted = await execute(
        ds,
        'DELETE FROM import_errors WHERE id IN (SELECT id FROM import_errors WHERE import_id = ? LIMIT ?)',
        [importId, batch],
      );
      removed += deleted;
      if (deleted < batch) break;
    }
  }
}
