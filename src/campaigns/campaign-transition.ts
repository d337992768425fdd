import { DataSource, EntityManager } from 'typeorm';
import { NotFoundException } from '../common/domain.exception';
import { dbTime, execute, sql } from '../common/db/sql-dialect';
import { CampaignAction, CampaignStatus, IllegalTransitionException, transitionOf } from './campaign-status';

/**
 * Applies a status transition as a database compare-and-set, so concurrent
 * callers (send now vs the scheduler, several workers) cannot both win.
 * Returns the new status; throws 409 when the current status does not allow it.
 */
export async function applyTransition(
  db: DataSource | EntityManager,
  campaignId: number,
  action: CampaignAction,
  now: Date,
  reason: string | null = null,
): Promise<CampaignStatus> {
  const ds = db instanceof DataSource ? db : db.connection;
  const { from, to } = transitionOf(action);
  const stamps =
    action === 'start'
      ? ', started_at = ?'
      : to === 'finished' || to === 'cancelled' || to === 'failed'
        ? ', finished_at = ?'
        : '';
  const params: unknown[] = [to, reason, dbTime(ds, now), ...(stamps ? [dbTime(ds, now)] : []), campaignId, ...from];
  const changed = await execute(
    db,
    `UPDATE campaigns SET status = ?, status_reason = ?, updated_at = ?${stamps} WHERE id = ? AND status IN (${from.map(() => '?').join(',')})`,
    params,
  );
  if (changed === 1) return to;
  const rows: Array<{ status: CampaignStatus }> = await db.query(sql(ds, 'SELECT status FROM campaigns WHERE id = ?'), [
    campaignId,
  ]);
  if (rows.length === 0) throw new NotFoundException('Campaign', campaignId);
  throw new IllegalTransitionException(action, rows[0].status);
}
