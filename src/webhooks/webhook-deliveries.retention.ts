import { DataSource } from 'typeorm';
import { dbTime, execute, sql } from '../common/db/sql-dialect';

/** Removes finished deliveries (delivered, failed, skipped) completed before the cutoff, with their attempts; pending ones stay whatever their age. */
export async function pruneWebhookDeliveries(ds: DataSource, cutoff: Date, batch: number): Promise<number> {
  let removed = 0;
  for (;;) {
    const ids: number[] = (
      await ds.query(
        sql(
          ds,
          "SELECT id FROM webhook_deliveries WHERE completed_at < ? AND status <> 'pending' ORDER BY completed_at LIMIT ?",
        ),
        [dbTime(ds, cutoff), batch],
      )
    ).map((r: { id: number | string }) => Number(r.id));
    if (ids.length === 0) return removed;
    const list = ids.map(() => '?').join(',');
    await ds.transaction(async (tx) => {
      await execute(tx, `DELETE FROM webhook_attempts WHERE delivery_id IN (${list})`, ids);
      removed += await execute(tx, `DELETE FROM webhook_deliveries WHERE id IN (${list})`, ids);
    });
    if (ids.length < batch) return removed;
  }
}
