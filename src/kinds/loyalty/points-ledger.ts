import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Subscriber } from '../../audience/subscriber.entity';
import { Clock } from '../../common/clock';
import { NotFoundException } from '../../common/domain.exception';
import { dbTime, execute, isPostgres, sql } from '../../common/db/sql-dialect';
import { EventWriter } from '../../events/event-writer';
import { KindException } from '../common/kind.exception';
import type { PointsEntryType } from './points-entry.entity';

export interface PointsMovement {
  subscriberId: number;
  points: number;
  reason: string;
  campaignId?: number | null;
  orderId?: string | null;
  idempotencyKey?: string;
}

export interface LedgerLine {
  id: number;
  type: PointsEntryType;
  points: number;
  reason: string;
  campaignId: number | null;
  orderId: string | null;
  createdAt: Date;
}

/** The one writer of the points ledger: append-only rows, idempotent by key, never below zero. */
@Injectable()
export class PointsLedger {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventWriter,
    private readonly clock: Clock,
  ) {}

  /** Whether a movement with this idempotency key was booked (e.g. a campaign's bonus). */
  async hasEntry(idempotencyKey: string): Promise<boolean> {
    const ds = this.dataSource;
    const [row] = await ds.query(sql(ds, 'SELECT id FROM points_ledger WHERE idempotency_key = ?'), [idempotencyKey]);
    return !!row;
  }

  async balance(subscriberId: number, db: DataSource | EntityManager = this.dataSource): Promise<number> {
    const ds = this.dataSource;
    const [row] = await db.query(
      sql(ds, 'SELECT COALESCE(SUM(points), 0) AS b FROM points_ledger WHERE subscriber_id = ?'),
      [subscriberId],
    );
    return Number(row.b);
  }

  async balances(
    subscriberIds: number[],
    db: DataSource | EntityManager = this.dataSource,
  ): Promise<Map<number, number>> {
    const ds = this.dataSource;
    const result = new Map<number, number>(subscriberIds.map((id) => [id, 0]));
    for (let i = 0; i < subscriberIds.length; i += 500) {
      const slice = subscriberIds.slice(i, i + 500);
      const rows: Array<{ subscriber_id: number; b: number }> = await db.query(
        sql(
          ds,
          `SELECT subscriber_id, SUM(points) AS b FROM points_ledger WHERE subscriber_id IN (${slice.map(() => '?').join(',')}) GROUP BY subscriber_id`,
        ),
        slice,
      );
      for (const r of rows) result.set(Number(r.subscriber_id), Number(r.b));
    }
    return result;
  }

  async history(subscriberId: number): Promise<{ subscriberId: number; balance: number; history: LedgerLine[] }> {
    await this.requireSubscriber(subscriberId);
    const ds = this.dataSource;
    const rows: Array<Record<string, unknown>> = await ds.query(
      sql(
        ds,
        'SELECT id, entry_type, points, reason, campaign_id, order_id, created_at FROM points_ledger WHERE subscriber_id = ? ORDER BY id DESC LIMIT 500',
      ),
      [subscriberId],
    );
    return {
      subscriberId,
      balance: await this.balance(subscriberId),
      history: rows.map((r) => ({
        id: Number(r.id),
        type: r.entry_type as PointsEntryType,
        points: Number(r.points),
        reason: String(r.reason),
        campaignId: r.campaign_id === null ? null : Number(r.campaign_id),
        orderId: (r.order_id as string | null) ?? null,
        createdAt: new Date(r.created_at as string),
      })),
    };
  }

  /** Adds points; returns false when the idempotency key was used before (nothing added). */
  async earn(m: PointsMovement, manager?: EntityManager): Promise<boolean> {
    if (!Number.isInteger(m.points) || m.points <= 0)
      throw new KindException('points_invalid', 'points must be a positive whole number', 422);
    const added = await this.append('earn', m, m.points, manager ?? this.dataSource.manager);
    if (added)
      await this.events.record(
        {
          type: 'points_earned',
          subscriberId: m.subscriberId,
          campaignId: m.campaignId ?? null,
          occurredAt: this.clock.now(),
          data: { points: m.points, reason: m.reason },
          dedupeKey: `points:${this.keyOf(m)}`,
        },
        manager,
      );
    return added;
  }

  async redeem(m: PointsMovement): Promise<{ balance: number; replayed: boolean }> {
    await this.requireSubscriber(m.subscriberId);
    if (!Number.isInteger(m.points) || m.points <= 0)
      throw new KindException('points_invalid', 'points must be a positive whole number', 422);
    return this.debit('redeem', m);
  }

  /** A marketer's correction, either sign; a negative one may not take the balance below zero. */
  async adjust(m: PointsMovement): Promise<{ balance: number; replayed: boolean }> {
    await this.requireSubscriber(m.subscriberId);
    if (!Number.isInteger(m.points) || m.points === 0)
      throw new KindException('points_invalid', 'points must be a non-zero whole number', 422);
    if (m.points > 0) {
      const added = await this.append('adjust', m, m.points, this.dataSource.manager);
      if (added) await this.recordMovement('adjust', m, m.points, this.dataSource.manager);
      return { balance: await this.balance(m.subscriberId), replayed: !added };
    }
    return this.debit('adjust', { ...m, points: -m.points });
  }

  /**
   * Expires points older than `months`, oldest first: whatever of those old
   * credits was not consumed by later debits (debits always use the oldest points).
   */
  async expire(months: number, now = this.clock.now()): Promise<{ subscribers: number; points: number }> {
    const cutoff = new Date(now);
    cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
    const ds = this.dataSource;
    const rows: Array<{ subscriber_id: number; old_credits: number; debits: number }> = await ds.query(
      sql(
        ds,
        `SELECT subscriber_id,
        SUM(CASE WHEN points > 0 AND created_at < ? THEN points ELSE 0 END) AS old_credits,
        SUM(CASE WHEN points < 0 THEN -points ELSE 0 END) AS debits
      FROM points_ledger GROUP BY subscriber_id`,
      ),
      [dbTime(ds, cutoff)],
    );
    let subscribers = 0;
    let points = 0;
    const day = cutoff.toISOString().slice(0, 10);
    for (const r of rows) {
      const due = Number(r.old_credits) - Number(r.debits);
      if (due <= 0) continue;
      const movement: PointsMovement = {
        subscriberId: Number(r.subscriber_id),
        points: due,
        reason: `Points older than ${months} months expired`,
        idempotencyKey: `expire:${r.subscriber_id}:${day}`,
      };
      const added = await this.append('expire', movement, -due, ds.manager);
      if (added) {
        await this.recordMovement('expire', movement, -due, ds.manager);
        subscribers++;
        points += due;
      }
    }
    return { subscribers, points };
  }

  private async debit(type: 'redeem' | 'adjust', m: PointsMovement): Promise<{ balance: number; replayed: boolean }> {
    const key = this.keyOf(m);
    const ds = this.dataSource;
    const run = async (db: EntityManager): Promise<{ balance: number; replayed: boolean }> => {
      const [seen] = await db.query(sql(ds, 'SELECT id FROM points_ledger WHERE idempotency_key = ?'), [key]);
      if (seen) return { balance: await this.balance(m.subscriberId, db), replayed: true };
      // One statement checks the balance and appends, so two redeems cannot both spend the same points.
      const added = await execute(
        db,
        `INSERT INTO points_ledger (subscriber_id, entry_type, points, reason, campaign_id, order_id, idempotency_key, created_at)
        SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE (SELECT COALESCE(SUM(points), 0) FROM points_ledger WHERE subscriber_id = ?) >= ?
        ON CONFLICT (idempotency_key) DO NOTHING`,
        [
          m.subscriberId,
          type,
          -m.points,
          m.reason,
          m.campaignId ?? null,
          m.orderId ?? null,
          key,
          dbTime(ds, this.clock.now()),
          m.subscriberId,
          m.points,
        ],
      );
      if (added === 1) await this.recordMovement(type, m, -m.points, db);
      const balance = await this.balance(m.subscriberId, db);
      if (added !== 1)
        throw new KindException(
          'points_insufficient',
          `Not enough points: the balance is ${balance}, ${m.points} asked`,
          409,
          { balance, asked: m.points },
        );
      return { balance, replayed: false };
    };
    // PostgreSQL runs statements concurrently: serialise debits per subscriber with an advisory lock.
    if (isPostgres(ds)) {
      return ds.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1::int, $2::int)', [7411, m.subscriberId]);
        return run(tx);
      });
    }
    return run(ds.manager);
  }

  // Every ledger row has its event, so the value profile's balance can be derived from the event log alone.
  private async recordMovement(
    type: 'redeem' | 'adjust' | 'expire',
    m: PointsMovement,
    signedPoints: number,
    db: EntityManager,
  ): Promise<void> {
    const eventType = type === 'redeem' ? 'points_redeemed' : type === 'adjust' ? 'points_adjusted' : 'points_expired';
    // points: what was earned, redeemed or expired (positive); an adjustment keeps its sign.
    const data =
      type === 'redeem'
        ? { points: m.points, reason: m.reason, orderId: m.orderId ?? null }
        : { points: type === 'adjust' ? signedPoints : m.points, reason: m.reason };
    await this.events.record(
      {
        type: eventType,
        subscriberId: m.subscriberId,
        campaignId: m.campaignId ?? null,
        occurredAt: this.clock.now(),
        data,
        dedupeKey: `points:${this.keyOf(m)}`,
      },
      db,
    );
  }

  private async append(
    type: PointsEntryType,
    m: PointsMovement,
    signedPoints: number,
    db: EntityManager,
  ): Promise<boolean> {
    const ds = this.dataSource;
    const added = await execute(
      db,
      `INSERT INTO points_ledger (subscriber_id, entry_type, points, reason, campaign_id, order_id, idempotency_key, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
      [
        m.subscriberId,
        type,
        signedPoints,
        m.reason.slice(0, 300),
        m.campaignId ?? null,
        m.orderId ?? null,
        this.keyOf(m),
        dbTime(ds, this.clock.now()),
      ],
    );
    return added === 1;
  }

  private keyOf(m: PointsMovement): string {
    if (!m.idempotencyKey) m.idempotencyKey = `auto:${randomUUID()}`;
    return m.idempotencyKey;
  }

  private async requireSubscriber(id: number): Promise<void> {
    const found = await this.dataSource.getRepository(Subscriber).exists({ where: { id } });
    if (!found) throw new NotFoundException('Subscriber', id);
  }
}
