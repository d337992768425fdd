import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { dbBool, dbTime, execute, readDbTime, sql } from '../common/db/sql-dialect';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { EventWriter } from '../events/event-writer';
import type { EventType } from '../events/event-types';

// The two rules that keep a delivery's events honest after they are written:
// a burst found later flags what the machine already did, and each act counts once.

/** Acts that count once per delivery: later ones are repeats (the latest poll answer still wins for NPS). */
const ONCE_PER_DELIVERY: readonly EventType[] = ['open', 'poll_answered'];
const CLICKS: readonly EventType[] = ['click', 'knowledge_click'];
/** What a scanner does with a message: everything it touches in the window is flagged. */
const MACHINE_DOABLE: readonly EventType[] = [
  'open',
  'click',
  'knowledge_click',
  'page_view',
  'poll_answered',
  'trial_started',
  'bonus_collected',
  'service_requested',
];

const list = (types: readonly string[]) => types.map((t) => `'${t}'`).join(', ');

interface Row {
  id: unknown;
  type: EventType;
  occurred_at: unknown;
  data: unknown;
  repeat: unknown;
}

const linkOf = (data: unknown): string => {
  const d =
    (typeof data === 'string'
      ? (JSON.parse(data || '{}') as Record<string, unknown>)
      : (data as Record<string, unknown>)) ?? {};
  return d.index !== undefined ? `i:${String(d.index)}` : `u:${String(d.url ?? d.link ?? '')}`;
};

@Injectable()
export class DeliveryTruth {
  constructor(
    private readonly events: EventWriter,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * Flags the human events of a delivery in [from, to] as machine-made, recounts
   * its repeats and, when anything changed, appends `reflagged` so the scores
   * fold that subscriber again. Returns how many events were flagged.
   */
  async flagWindow(
    tx: EntityManager,
    deliveryId: number,
    subscriberId: number | null,
    from: Date,
    to: Date,
    reason: string,
    at: Date,
  ): Promise<number> {
    const ds = tx.connection;
    const flagged = await execute(
      tx,
      `UPDATE events SET machine = ?, machine_reason = ? WHERE delivery_id = ? AND machine = ? AND type IN (${list(MACHINE_DOABLE)})
      AND occurred_at >= ? AND occurred_at <= ?`,
      [dbBool(ds, true), reason, deliveryId, dbBool(ds, false), dbTime(ds, from), dbTime(ds, to)],
    );
    const recounted = await this.recount(tx, [deliveryId]);
    if (flagged + recounted > 0 && subscriberId !== null) {
      await this.events.record(
        { type: 'reflagged', deliveryId, subscriberId, occurredAt: at, data: { reason, flagged, recounted } },
        tx,
      );
    }
    return flagged;
  }

  /**
   * Sets `repeat` on the human events of these deliveries, in id order: the
   * first open and first poll answer count, later ones are repeats; a click of
   * a link counts again only after the repeat window. Returns how many changed.
   */
  async recount(tx: EntityManager, deliveryIds: number[]): Promise<number> {
    const ds = tx.connection;
    let changed = 0;
    for (let i = 0; i < deliveryIds.length; i += 500) {
      const chunk = deliveryIds.slice(i, i + 500);
      const rows: Array<Row & { delivery_id: unknown }> = await tx.query(
        sql(
          ds,
          `SELECT id, delivery_id, type, occurred_at, data, repeat FROM events
        WHERE delivery_id IN (${chunk.map(() => '?').join(',')}) AND machine = ? AND type IN (${list([...ONCE_PER_DELIVERY, ...CLICKS])}) ORDER BY id`,
        ),
        [...chunk, dbBool(ds, false)],
      );
      const seen = new Set<string>();
      const lastClick = new Map<string, number>();
      const toRepeat: number[] = [];
      const toCount: number[] = [];
      for (const r of rows) {
        const d = String(r.delivery_id);
        let repeat: boolean;
        if (CLICKS.includes(r.type)) {
          const key = `${d}:${linkOf(r.data)}`;
          const at = readDbTime(r.occurred_at).getTime();
          const last = lastClick.get(key);
          repeat = last !== undefined && at - last < this.config.tracking.clickRepeatWindowMs;
          if (!repeat) lastClick.set(key, at);
        } else {
          const key = `${d}:${r.type}`;
          repeat = seen.has(key);
          seen.add(key);
        }
        const stored = r.repeat === true || Number(r.repeat) === 1;
        if (repeat !== stored) (repeat ? toRepeat : toCount).push(Number(r.id));
      }
      for (const [ids, value] of [
        [toRepeat, true],
        [toCount, false],
      ] as const) {
        for (let j = 0; j < ids.length; j += 500) {
          const part = ids.slice(j, j + 500);
          changed += await execute(tx, `UPDATE events SET repeat = ? WHERE id IN (${part.map(() => '?').join(',')})`, [
            dbBool(ds, value),
            ...part,
          ]);
        }
      }
    }
    return changed;
  }
}
