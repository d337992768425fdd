import { DataSource } from 'typeorm';
import { dbTime, execute } from '../common/db/sql-dialect';

/** Removes stored answers to idempotent requests made before the cutoff: a retry after that is a new request. */
export async function pruneIdempotencyKeys(ds: DataSource, cutoff: Date, batch: number): Promise<number> {
  let removed = 0;
  for (;;) {
    const deleted = await execute(
      ds,
      'DELETE FROM idempotency_keys WHERE id IN (SELECT id FROM idempotency_keys WHERE created_at < ? LIMIT ?)',
      [dbTime(ds, cutoff), batch],
    );
    removed += deleted;
    if (deleted < batch) return removed;
  }
}
