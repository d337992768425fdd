import { DataSource, EntityManager } from 'typeorm';
import { dbBool, isPostgres, sql } from '../../common/db/sql-dialect';
import type { LoggedEvent } from '../../events/event-log.follower';
import type { EventType } from '../../events/event-types';
import { FoldEvent, needsData, PROFILE_EVENT_TYPES } from '../profile/profile-fold';
import { readMillis } from '../profile/profile-row';

// Raw reads of the event log for the recompute and explain: plain rows, JSON
// parsed only where the fold reads it, times parsed as the follower does.

const TYPES = PROFILE_EVENT_TYPES.map((t) => `'${t}'`).join(', ');
const PAGE = 5000;
// In-progress writers are waited for at most this long, the follower's grace for an id gap.
const SETTLE_MS = 10_000;

export interface StreamedEvent extends FoldEvent {
  subscriberId: number;
}

const parseData = (value: unknown): Record<string, unknown> => {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'string') return value as Record<string, unknown>;
  return value === '{}' ? {} : (JSON.parse(value) as Record<string, unknown>);
};

const EMPTY: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

export class EventReader {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The newest event id below which every event is committed. On PostgreSQL
   * ids are handed out before commit, so transactions still writing when the
   * head was read are waited for (at most the follower's gap grace).
   */
  async settledHead(): Promise<number> {
    const ds = this.dataSource;
    if (!isPostgres(ds)) {
      const [row] = await ds.query('SELECT COALESCE(MAX(id), 0) AS head FROM events');
      return Number(row.head);
    }
    const [row] = await ds.query(
      'SELECT COALESCE(MAX(id), 0) AS head, ARRAY(SELECT pg_snapshot_xip(pg_current_snapshot()))::text[] AS xip FROM events',
    );
    const xip: string[] = row.xip ?? [];
    const deadline = Date.now() + SETTLE_MS;
    while (xip.length > 0 && Date.now() < deadline) {
      const [busy] = await ds.query(
        "SELECT COUNT(*) AS n FROM unnest($1::xid8[]) AS x WHERE pg_xact_status(x) = 'in progress'",
        [xip],
      );
      if (Number(busy.n) === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    return Number(row.head);
  }

  /** How many events the stream up to `head` will read (the progress denominator). */
  async countUpTo(head: number): Promise<number> {
    const ds = this.dataSource;
    const [row] = await ds.query(
      sql(
        ds,
        `SELECT COUNT(*) AS n FROM events${isPostgres(ds) ? '' : ' NOT INDEXED'} WHERE id <= ? AND subscriber_id IS NOT NULL AND machine = ? AND type IN (${TYPES})`,
      ),
      [head, dbBool(ds, false)],
    );
    return Number(row.n);
  }

  /**
   * One page of human profile events of the subscribers lo..hi, in id order,
   * after `afterId` up to `head`: the recompute's sequential pass over the log
   * (the table is stored in id order, so this reads it front to back).
   */
  async pageOfWindow(head: number, afterId: number, lo: number, hi: number): Promise<StreamedEvent[]> {
    const rows = await this.windowRows(head, afterId, lo, hi);
    const events: StreamedEvent[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const [id, type, campaignId, subscriberId, occurredAt, data, repeat] = rows[i];
      events[i] = {
        id: Number(id),
        type: type as EventType,
        campaignId: campaignId === null ? null : Number(campaignId),
        subscriberId: Number(subscriberId),
        occurredAt: readMillis(occurredAt),
        data: needsData(type as string) ? parseData(data) : EMPTY,
        ...(repeat === true || repeat === 1 ? { repeat: true } : {}),
      };
    }
    return events;
  }

  private windowStatement: { raw(on: boolean): unknown; all(...params: unknown[]): unknown[][] } | undefined;

  private async windowRows(head: number, afterId: number, lo: number, hi: number): Promise<unknown[][]> {
    const ds = this.dataSource;
    const where = `id > ? AND id <= ? AND subscriber_id BETWEEN ? AND ? AND machine = ? AND type IN (${TYPES}) ORDER BY id LIMIT ${PAGE}`;
    const columns = 'id, type, campaign_id, subscriber_id, occurred_at, data, repeat';
    if (isPostgres(ds)) {
      const rows: Array<Record<string, unknown>> = await ds.query(
        sql(ds, `SELECT ${columns} FROM events WHERE ${where}`),
        [afterId, head, lo, hi, false],
      );
      return rows.map((r) => [r.id, r.type, r.campaign_id, r.subscriber_id, r.occurred_at, r.data, r.repeat]);
    }
    // better-sqlite3 directly, rows as arrays: this loop reads millions of rows. NOT INDEXED keeps the
    // planner on the rowid range (without statistics it would pick the type index and sort).
    if (!this.windowStatement) {
      const db = (
        ds.driver as unknown as {
          databaseConnection: { prepare(text: string): NonNullable<EventReader['windowStatement']> };
        }
      ).databaseConnection;
      this.windowStatement = db.prepare(`SELECT ${columns} FROM events NOT INDEXED WHERE ${where}`);
      this.windowStatement.raw(true);
    }
    return this.windowStatement.all(afterId, head, lo, hi, 0);
  }

  /** Events after `afterId` up to `upTo`, in id order, as the follower hands them to consumers. */
  async logPage(db: DataSource | EntityManager, afterId: number, upTo: number): Promise<LoggedEvent[]> {
    const rows: Array<Record<string, unknown>> = await db.query(
      sql(
        this.dataSource,
        `SELECT id, type, campaign_id, delivery_id, subscriber_id, occurred_at, data, machine, repeat
      FROM events WHERE id > ? AND id <= ? ORDER BY id LIMIT ${PAGE}`,
      ),
      [afterId, upTo],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      type: r.type as EventType,
      campaignId: r.campaign_id === null ? null : Number(r.campaign_id),
      deliveryId: r.delivery_id === null ? null : Number(r.delivery_id),
      subscriberId: r.subscriber_id === null ? null : Number(r.subscriber_id),
      occurredAt: readMillis(r.occurred_at),
      data: parseData(r.data),
      machine: r.machine === true || r.machine === 1,
      repeat: r.repeat === true || r.repeat === 1,
    }));
  }

  /** One subscriber's events in id order up to `upTo`, machine ones included (explain shows what was left out). */
  async ofSubscriber(
    subscriberId: number,
    upTo: number,
    db: DataSource | EntityManager = this.dataSource,
  ): Promise<Array<StreamedEvent & { machine: boolean }>> {
    const ds = this.dataSource;
    const rows: Array<Record<string, unknown>> = await db.query(
      sql(
        ds,
        `SELECT id, type, campaign_id, subscriber_id, occurred_at, data, machine, repeat FROM events
      WHERE subscriber_id = ? AND id <= ? AND type IN (${TYPES}) ORDER BY id`,
      ),
      [subscriberId, upTo],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      type: r.type as EventType,
      campaignId: r.campaign_id === null ? null : Number(r.campaign_id),
      subscriberId,
      occurredAt: readMillis(r.occurred_at),
      data: parseData(r.data),
      machine: r.machine === true || r.machine === 1,
      repeat: r.repeat === true || r.repeat === 1,
    }));
  }
}
