import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { dbBool, dbTime, execute, isPostgres, sql } from '../common/db/sql-dialect';
import { EventWriter } from '../events/event-writer';

export interface ClaimedDelivery {
  id: number;
  subscriberId: number;
  attempts: number;
  wasUncertain: boolean;
  kindData: Record<string, unknown> | null;
  email: string | null;
  name: string;
  firstName: string;
  lastName: string;
  attributes: Record<string, unknown>;
  locale: string;
  subscriberStatus: string;
  stillMember: boolean;
}

export type DeliveryResult =
  | { id: number; status: 'sent'; messageId: string; response: string }
  /** `hardBounce`: the server refused the address itself (550/551/553), recorded as a `bounce` event. */
  | { id: number; status: 'failed'; error: string; hardBounce?: boolean }
  | { id: number; status: 'suppressed'; error: string }
  | { id: number; status: 'retry'; error: string; nextAttemptAt: Date; countsAsAttempt: boolean };

const parseJson = <T>(value: unknown, fallback: T): T => {
  if (value === null || value === undefined || value === '') return fallback;
  if (typeof value !== 'string') return value as T;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
};

/**
 * The delivery rows are the truth of what was sent. Rows are claimed with a
 * compare-and-set (status + claim token) so two workers never hold the same
 * row, and `sending` is committed before any SMTP conversation starts.
 */
@Injectable()
export class DeliveryStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventWriter,
  ) {}

  async claim(
    campaignId: number,
    listIds: number[],
    limit: number,
    leaseMs: number,
    now: Date,
  ): Promise<{ claimToken: string; rows: ClaimedDelivery[] }> {
    const ds = this.dataSource;
    const token = randomBytes(12).toString('hex');
    const skipLocked = isPostgres(ds) ? 'FOR UPDATE SKIP LOCKED' : '';
    const nowDb = dbTime(ds, now);
    await ds.query(
      sql(
        ds,
        `UPDATE deliveries SET status = 'sending', claim_token = ?, lease_until = ?
        WHERE status IN ('queued', 'uncertain') AND id IN (
          SELECT id FROM deliveries
          WHERE campaign_id = ? AND status IN ('queued', 'uncertain') AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
          ORDER BY id LIMIT ? ${skipLocked})`,
      ),
      [token, dbTime(ds, new Date(now.getTime() + leaseMs)), campaignId, nowDb, limit],
    );
    const lists = listIds.length ? listIds : [-1];
    const rows: Array<Record<string, unknown>> = await ds.query(
      sql(
        ds,
        `SELECT d.id, d.subscriber_id, d.attempts, d.was_uncertain, d.kind_data,
          s.email, s.name, s.first_name, s.last_name, s.attributes, s.locale, s.status AS subscriber_status,
          CASE WHEN EXISTS (SELECT 1 FROM list_memberships m WHERE m.subscriber_id = d.subscriber_id
            AND m.status = 'confirmed' AND m.list_id IN (${lists.map(() => '?').join(',')})) THEN 1 ELSE 0 END AS still_member
        FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
        WHERE d.claim_token = ? AND d.status = 'sending' ORDER BY d.id`,
      ),
      [...lists, token],
    );
    return {
      claimToken: token,
      rows: rows.map((r) => ({
        id: Number(r.id),
        subscriberId: Number(r.subscriber_id),
        attempts: Number(r.attempts),
        wasUncertain: r.was_uncertain === true || Number(r.was_uncertain) === 1,
        kindData: parseJson<Record<string, unknown> | null>(r.kind_data, null),
        email: (r.email as string | null) ?? null,
        name: String(r.name ?? ''),
        firstName: String(r.first_name ?? ''),
        lastName: String(r.last_name ?? ''),
        attributes: parseJson<Record<string, unknown>>(r.attributes, {}),
        locale: String(r.locale ?? 'en'),
        subscriberStatus: String(r.subscriber_status),
        stillMember: Number(r.still_member) === 1,
      })),
    };
  }

  /**
   * Writes the outcomes of one batch and moves the campaign counters in the
   * same transaction. Only rows still held under this batch's claim are
   * written, so a batch that outlived its lease cannot overwrite a re-claim.
   * Each row that became `sent` gets its `delivered` event in that transaction.
   */
  async complete(campaignId: number, claimToken: string, results: DeliveryResult[], now: Date): Promise<void> {
    if (results.length === 0) return;
    const ds = this.dataSource;
    const held = `id = ? AND claim_token = ? AND status = 'sending'`;
    await ds.transaction(async (tx) => {
      const counts = { sent: 0, failed: 0, suppressed: 0 };
      const delivered: number[] = [];
      const bounced: Array<{ id: number; reason: string }> = [];
      for (const r of results) {
        switch (r.status) {
          case 'sent':
            if (
              await execute(
                tx,
                `UPDATE deliveries SET status = 'sent', message_id = ?, smtp_response = ?, sent_at = ?, attempts = attempts + 1, claim_token = NULL, lease_until = NULL, error = NULL WHERE ${held}`,
                [r.messageId, r.response.slice(0, 480), dbTime(ds, now), r.id, claimToken],
              )
            )
              delivered.push(r.id);
            break;
          case 'failed':
          case 'suppressed': {
            const written = await execute(
              tx,
              `UPDATE deliveries SET status = ?, error = ?, attempts = attempts + ?, claim_token = NULL, lease_until = NULL WHERE ${held}`,
              [r.status, r.error.slice(0, 480), r.status === 'failed' ? 1 : 0, r.id, claimToken],
            );
            counts[r.status] += written;
            if (written && r.status === 'failed' && r.hardBounce) bounced.push({ id: r.id, reason: r.error });
            break;
          }
          case 'retry':
            await execute(
              tx,
              `UPDATE deliveries SET status = 'queued', error = ?, attempts = attempts + ?, next_attempt_at = ?, claim_token = NULL, lease_until = NULL WHERE ${held}`,
              [r.error.slice(0, 480), r.countsAsAttempt ? 1 : 0, dbTime(ds, r.nextAttemptAt), r.id, claimToken],
            );
            break;
        }
      }
      counts.sent = delivered.length;
      await this.recordDelivered(tx, campaignId, delivered, now);
      await this.recordBounced(tx, campaignId, bounced, now);
      await this.bumpCounters(tx, campaignId, counts, now);
    });
  }

  /** Extends the lease of rows still held under a claim: a slow but live batch never turns uncertain. */
  async renewLease(claimToken: string, until: Date): Promise<number> {
    const ds = this.dataSource;
    return execute(ds, `UPDATE deliveries SET lease_until = ? WHERE claim_token = ? AND status = 'sending'`, [
      dbTime(ds, until),
      claimToken,
    ]);
  }

  private async recordDelivered(
    tx: EntityManager,
    campaignId: number,
    deliveryIds: number[],
    now: Date,
  ): Promise<void> {
    if (deliveryIds.length === 0) return;
    const ds = this.dataSource;
    const rows: Array<{ id: number | string; subscriber_id: number | string }> = await tx.query(
      sql(ds, `SELECT id, subscriber_id FROM deliveries WHERE id IN (${deliveryIds.map(() => '?').join(',')})`),
      deliveryIds,
    );
    await this.events.record(
      rows.map((r) => ({
        type: 'delivered' as const,
        campaignId,
        deliveryId: Number(r.id),
        subscriberId: Number(r.subscriber_id),
        occurredAt: now,
        dedupeKey: `delivered:${r.id}`,
      })),
      tx,
    );
  }

  private async recordBounced(
    tx: EntityManager,
    campaignId: number,
    bounced: Array<{ id: number; reason: string }>,
    now: Date,
  ): Promise<void> {
    if (bounced.length === 0) return;
    const ds = this.dataSource;
    const rows: Array<{ id: number | string; subscriber_id: number | string }> = await tx.query(
      sql(ds, `SELECT id, subscriber_id FROM deliveries WHERE id IN (${bounced.map(() => '?').join(',')})`),
      bounced.map((b) => b.id),
    );
    const reasons = new Map(bounced.map((b) => [b.id, b.reason]));
    // The same key as a DSN for this delivery would use (BounceIngestService), so it counts once.
    await this.events.record(
      rows.map((r) => {
        const reason = reasons.get(Number(r.id)) ?? '';
        const status = /\b[245]\.\d{1,3}\.\d{1,3}\b/.exec(reason)?.[0] ?? null;
        return {
          type: 'bounce' as const,
          campaignId,
          deliveryId: Number(r.id),
          subscriberId: Number(r.subscriber_id),
          occurredAt: now,
          dedupeKey: `bounce:${r.id}:hard`,
          data: { bounceClass: 'hard', status, diagnostic: reason.slice(0, 300), atSend: true },
        };
      }),
      tx,
    );
  }

  /** True while any row of the campaign can still be sent. */
  async hasUnfinished(campaignId: number): Promise<boolean> {
    const ds = this.dataSource;
    const rows = await ds.query(
      sql(
        ds,
        `SELECT 1 AS x FROM deliveries WHERE campaign_id = ? AND status IN ('queued', 'sending', 'uncertain') LIMIT 1`,
      ),
      [campaignId],
    );
    return rows.length > 0;
  }

  private async bumpCounters(
    tx: EntityManager,
    campaignId: number,
    d: { sent: number; failed: number; suppressed: number },
    now: Date,
  ): Promise<void> {
    const ds = this.dataSource;
    await tx.query(
      sql(
        ds,
        `UPDATE campaigns SET sent_count = sent_count + ?, failed_count = failed_count + ?, suppressed_count = suppressed_count + ?, last_batch_at = ? WHERE id = ?`,
      ),
      [d.sent, d.failed, d.suppressed, dbTime(ds, now), campaignId],
    );
  }

  /**
   * Rows whose worker died mid-send become `uncertain` and are sent again: the
   * only way a duplicate can happen, so every expiry is counted. A row that
   * keeps expiring (maxAttempts) is failed rather than retried forever.
   */
  async expireLeases(now: Date, maxAttempts: number): Promise<number[]> {
    const ds = this.dataSource;
    const nowDb = dbTime(ds, now);
    const expired: Array<{ campaign_id: number | string; n: number | string }> = await ds.query(
      sql(
        ds,
        `SELECT campaign_id, COUNT(*) AS n FROM deliveries WHERE status = 'sending' AND lease_until < ? GROUP BY campaign_id`,
      ),
      [nowDb],
    );
    if (expired.length === 0) return [];
    await ds.transaction(async (tx) => {
      for (const row of expired) {
        const campaignId = Number(row.campaign_id);
        const failed = await execute(
          tx,
          `UPDATE deliveries SET status = 'failed', error = 'worker lost it repeatedly', claim_token = NULL, attempts = attempts + 1
          WHERE campaign_id = ? AND status = 'sending' AND lease_until < ? AND attempts + 1 >= ?`,
          [campaignId, nowDb, maxAttempts],
        );
        const uncertain = await execute(
          tx,
          `UPDATE deliveries SET status = 'uncertain', was_uncertain = ?, claim_token = NULL, attempts = attempts + 1
          WHERE campaign_id = ? AND status = 'sending' AND lease_until < ?`,
          [dbBool(ds, true), campaignId, nowDb],
        );
        await execute(
          tx,
          'UPDATE campaigns SET failed_count = failed_count + ?, uncertain_count = uncertain_count + ? WHERE id = ?',
          [failed, uncertain, campaignId],
        );
      }
    });
    return expired.map((r) => Number(r.campaign_id));
  }
}
