import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { dbTime, execute, readDbTime, sql } from '../common/db/sql-dialect';
import type { AppConfig } from '../config/app-config';
import { runsWorker } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { EventWriter } from '../events/event-writer';
import { DeliveryTruth } from '../tracking/delivery-truth';
import { DEFAULT_BURST_RULE, isLinkBurst, LinkHit } from '../tracking/link-burst';
import { ActExecutors } from './act-executors';
import type { ActKind, PendingAct } from './pending-act';

const SWEEP_EVERY_MS = 1000;
// An act whose own page hit has not reached the log yet waits for the tracking
// drain (Redis down, a backlog) this long, then is judged on what is there.
const MAX_WAIT_FOR_EVIDENCE_MS = 5 * 60_000;

const parse = (value: unknown): Record<string, unknown> =>
  typeof value === 'string'
    ? (JSON.parse(value || '{}') as Record<string, unknown>)
    : ((value ?? {}) as Record<string, unknown>);

/**
 * Settles due one-click acts: machine when its own page hit was (a scanner's
 * user agent, a HEAD…) or when other links of the same message were followed
 * around it (a burst); else the kind's executor does it. A burst also flags
 * what the scanner did before, so nothing it touched counts.
 */
@Injectable()
export class ActSettler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ActSettler.name);
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<number> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly executors: ActExecutors,
    private readonly truth: DeliveryTruth,
    private readonly events: EventWriter,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!runsWorker(this.config)) return;
    this.timer = setInterval(
      () => void this.settleDue().catch((e: Error) => this.logger.error(`settling acts failed: ${e.message}`)),
      SWEEP_EVERY_MS,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** Settles every act due by the clock now; returns how many were settled. One sweep at a time per process. */
  async settleDue(): Promise<number> {
    // A sweep already running read an earlier "now": wait for it, then sweep again.
    while (this.sweeping) await this.sweeping.catch(() => undefined);
    this.sweeping = this.sweep().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async sweep(): Promise<number> {
    const ds = this.dataSource;
    const now = this.clock.now();
    let settled = 0;
    for (;;) {
      const rows: Array<Record<string, unknown>> = await ds.query(
        sql(
          ds,
          `SELECT id, kind, campaign_id, delivery_id, subscriber_id, link, payload, occurred_at FROM pending_acts
        WHERE status = 'pending' AND due_at <= ? ORDER BY id LIMIT 100`,
        ),
        [dbTime(ds, now)],
      );
      let progressed = 0;
      for (const row of rows) {
        const act: PendingAct = {
          id: Number(row.id),
          kind: row.kind as ActKind,
          link: String(row.link),
          payload: parse(row.payload),
          occurredAt: readDbTime(row.occurred_at),
          status: 'pending',
          claims: {
            campaignId: Number(row.campaign_id),
            deliveryId: Number(row.delivery_id),
            subscriberId: Number(row.subscriber_id),
          },
        };
        if (await this.settle(act, now)) progressed++;
      }
      settled += progressed;
      if (rows.length < 100 || progressed === 0) return settled;
    }
  }

  /** False when the act must wait for its evidence. */
  private async settle(act: PendingAct, now: Date): Promise<boolean> {
    const ds = this.dataSource;
    const at = act.occurredAt.getTime();
    const window = this.config.tracking.linkBurstWindowMs;
    const rows: Array<{
      type: string;
      occurred_at: unknown;
      data: unknown;
      machine: unknown;
      machine_reason: string | null;
    }> = await ds.query(
      sql(
        ds,
        `SELECT type, occurred_at, data, machine, machine_reason
      FROM events WHERE delivery_id = ? AND type IN ('click', 'page_view') AND occurred_at >= ? AND occurred_at <= ?`,
      ),
      [act.claims.deliveryId, dbTime(ds, new Date(at - window)), dbTime(ds, new Date(at + window))],
    );
    const hits: LinkHit[] = rows.map((r) => {
      const data = parse(r.data);
      return {
        link: r.type === 'click' ? `r/${Number(data.index)}` : String(data.link ?? ''),
        at: readDbTime(r.occurred_at).getTime(),
      };
    });
    // The page hit and the act are stamped by two calls of the clock while answering one request.
    const own = rows.find(
      (r, i) => r.type === 'page_view' && hits[i].link === act.link && Math.abs(hits[i].at - at) <= 2000,
    );
    if (!own && !act.payload.byForm && now.getTime() - at < MAX_WAIT_FOR_EVIDENCE_MS) return false;
    // Other acts of the message count as followed links too (a page hit may be missing: Redis was down).
    const acts: Array<{ link: string; occurred_at: unknown }> = await ds.query(
      sql(
        ds,
        'SELECT link, occurred_at FROM pending_acts WHERE delivery_id = ? AND occurred_at >= ? AND occurred_at <= ?',
      ),
      [act.claims.deliveryId, dbTime(ds, new Date(at - window)), dbTime(ds, new Date(at + window))],
    );
    hits.push(...acts.map((a) => ({ link: a.link, at: readDbTime(a.occurred_at).getTime() })));
    const machineReason =
      own && (own.machine === true || Number(own.machine) === 1)
        ? (own.machine_reason ?? 'machine')
        : isLinkBurst(hits, at, { ...DEFAULT_BURST_RULE, windowMs: window })
          ? 'link_burst'
          : null;

    const claimed = await execute(
      ds,
      "UPDATE pending_acts SET status = ?, reason = ?, settled_at = ? WHERE id = ? AND status = 'pending'",
      [machineReason ? 'machine' : 'counted', machineReason, dbTime(ds, now), act.id],
    );
    if (claimed !== 1) return true;
    const executor = this.executors.of(act.kind);
    if (machineReason) {
      await ds.transaction(async (tx) => {
        await this.events.record(
          {
            type: executor.eventType,
            ...act.claims,
            occurredAt: act.occurredAt,
            machine: true,
            machineReason,
            data: { ...act.payload, link: act.link },
          },
          tx,
        );
        if (machineReason === 'link_burst') {
          await this.truth.flagWindow(
            tx,
            act.claims.deliveryId,
            act.claims.subscriberId,
            new Date(at - window),
            new Date(at + window),
            'link_burst',
            act.occurredAt,
          );
        }
      });
      return true;
    }
    try {
      await executor.execute(act);
    } catch (error) {
      // Left for the next sweep: the executors are idempotent per act.
      await execute(ds, "UPDATE pending_acts SET status = 'pending', reason = NULL, settled_at = NULL WHERE id = ?", [
        act.id,
      ]);
      throw error;
    }
    return true;
  }
}
