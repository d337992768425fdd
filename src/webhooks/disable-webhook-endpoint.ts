import { EntityManager } from 'typeorm';
import { dbBool, dbTime, execute } from '../common/db/sql-dialect';

/**
 * Disables an endpoint with the reason shown to the marketer, and skips its
 * waiting deliveries at once (a retry due in hours would otherwise sit as
 * "pending"). Only the first caller disables; `minFailures` makes it depend on
 * the failure streak. Tests and redeliveries by hand still go out.
 */
export async function disableWebhookEndpoint(
  manager: EntityManager,
  endpointId: number,
  reason: string | null,
  at: Date,
  minFailures = 0,
): Promise<boolean> {
  const ds = manager.connection;
  const disabled = await execute(
    manager,
    `UPDATE webhook_endpoints SET enabled = ?, disabled_reason = ?, disabled_at = ? WHERE id = ? AND enabled = ? AND consecutive_failures >= ?`,
    [dbBool(ds, false), reason, dbTime(ds, at), endpointId, dbBool(ds, true), minFailures],
  );
  if (disabled === 0) return false;
  await execute(
    manager,
    `UPDATE webhook_deliveries SET status = 'skipped', last_error = ?, next_attempt_at = NULL, completed_at = ? WHERE endpoint_id = ? AND status = 'pending' AND manual = ?`,
    [
      reason ? `Not sent: the webhook was disabled (${reason})`.slice(0, 500) : 'Not sent: the webhook was disabled',
      dbTime(ds, at),
      endpointId,
      dbBool(ds, false),
    ],
  );
  return true;
}
