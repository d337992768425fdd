import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { dbTime, execute, sql } from '../common/db/sql-dialect';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import type { LinkClaims } from '../links/link-token.service';
import type { ActKind } from './pending-act';

/**
 * Where a one-click act from a mail link enters: it waits as pending until the
 * scanner rules have seen every link of its message (ActSettler), and only a
 * person's act is done. The page thanks the person at once.
 */
@Injectable()
export class ActGate {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** The settle time: never shorter than the burst window, or a burst could be judged half-seen. */
  get settleMs(): number {
    return Math.max(this.config.tracking.actSettleMs, this.config.tracking.linkBurstWindowMs);
  }

  /** `how`: 'link' for the click itself (its page hit is the evidence to wait for), 'form' for a posted button (no page hit of its own). */
  async propose(
    kind: ActKind,
    claims: LinkClaims,
    link: string,
    payload: Record<string, unknown>,
    how: 'link' | 'form' = 'link',
  ): Promise<void> {
    const ds = this.dataSource;
    const now = this.clock.now();
    await execute(
      ds,
      `INSERT INTO pending_acts (kind, campaign_id, delivery_id, subscriber_id, link, payload, occurred_at, due_at, status)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending')`,
      [
        kind,
        claims.campaignId,
        claims.deliveryId,
        claims.subscriberId,
        link.slice(0, 64),
        JSON.stringify({ ...payload, ...(how === 'form' ? { byForm: true } : {}) }),
        dbTime(ds, now),
        dbTime(ds, new Date(now.getTime() + this.settleMs)),
      ],
    );
  }

  /** Adds what the person wrote (a comment, a note) to their latest pending act of this kind; false when none is pending. */
  async addToPending(kind: ActKind, claims: LinkClaims, key: string, value: string): Promise<boolean> {
    const ds = this.dataSource;
    const [row] = await ds.query(
      sql(
        ds,
        `SELECT id, payload FROM pending_acts WHERE delivery_id = ? AND kind = ? AND status = 'pending' ORDER BY id DESC LIMIT 1`,
      ),
      [claims.deliveryId, kind],
    );
    if (!row) return false;
    const payload = { ...(JSON.parse(String(row.payload)) as Record<string, unknown>), [key]: value };
    return (
      (await execute(ds, "UPDATE pending_acts SET payload = ? WHERE id = ? AND status = 'pending'", [
        JSON.stringify(payload),
        row.id,
      ])) === 1
    );
  }
}
