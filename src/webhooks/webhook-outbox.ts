import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { afterCommit } from '../common/db/after-commit';
import { dbTime, execute, readDbTime, sql } from '../common/db/sql-dialect';
import { DELIVER_JOB, DeliverWebhookJobData, deliveryJobId, WEBHOOK_QUEUE } from './webhooks.queue';

const PAGE = 500;
// A pending delivery whose attempt is this overdue is checked for a lost job.
const OVERDUE_MS = 2 * 60_000;
const LIVE_JOB_STATES = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);

/**
 * The outbox relay. Delivery rows are written in the transaction that saw the
 * event; only after that commit are queue jobs created (the job id is the row's,
 * so doing it twice is harmless). The sweep repairs the two gaps: a crash
 * between commit and enqueue (rows never queued) and a job lost with Redis
 * (rows queued long ago, overdue, with no live job).
 */
@Injectable()
export class WebhookOutbox {
  private readonly logger = new Logger('WebhookOutbox');
  private flushing: Promise<number> | undefined;
  private again = false;
  private sweepAfterId = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(WEBHOOK_QUEUE) private readonly queue: Queue<DeliverWebhookJobData>,
    private readonly clock: Clock,
  ) {}

  /** Enqueue what the manager's transaction wrote, once it has committed. */
  enqueueAfterCommit(manager: EntityManager): void {
    afterCommit(manager, this.kick);
  }

  private readonly kick = (): void => {
    this.flush().catch((error: Error) =>
      this.logger.warn(`enqueueing webhook deliveries failed (the sweep retries): ${error.message}`),
    );
  };

  /** Enqueues every pending delivery that has no job yet; concurrent calls share one run and one rerun. */
  flush(): Promise<number> {
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    this.flushing = (async () => {
      let total = 0;
      try {
        do {
          this.again = false;
          let enqueued: number;
          do {
            enqueued = await this.enqueuePage();
            total += enqueued;
          } while (enqueued === PAGE);
        } while (this.again);
      } finally {
        this.flushing = undefined;
      }
      return total;
    })();
    return this.flushing;
  }

  private async enqueuePage(): Promise<number> {
    const ds = this.dataSource;
    const rows: Array<{ id: number | string; next_attempt_at: unknown }> = await ds.query(
      sql(
        ds,
        `SELECT id, next_attempt_at FROM webhook_deliveries WHERE status = 'pending' AND queued_at IS NULL ORDER BY id LIMIT ${PAGE}`,
      ),
    );
    if (rows.length === 0) return 0;
    const now = this.clock.now();
    await this.queue.addBulk(
      rows.map((row) => {
        const id = Number(row.id);
        const due = row.next_attempt_at == null ? now.getTime() : readDbTime(row.next_attempt_at).getTime();
        return {
          name: DELIVER_JOB,
          data: { deliveryId: id },
          // Attempts are counted on the row; the queue only needs to keep the job alive between them.
          opts: {
            jobId: deliveryJobId(id),
            delay: Math.max(0, due - now.getTime()),
            attempts: 1000,
            backoff: { type: 'webhook' },
          },
        };
      }),
    );
    const ids = rows.map((r) => Number(r.id));
    await execute(
      ds,
      `UPDATE webhook_deliveries SET queued_at = ?, next_attempt_at = COALESCE(next_attempt_at, ?) WHERE id IN (${ids.map(() => '?').join(',')}) AND queued_at IS NULL`,
      [dbTime(ds, now), dbTime(ds, now), ...ids],
    );
    return rows.length;
  }

  /** Re-enqueues deliveries that were never queued or whose job is gone; returns how many. */
  async sweep(): Promise<{ enqueued: number; recovered: number }> {
    const ds = this.dataSource;
    const overdue: Array<{ id: number | string }> = await ds.query(
      sql(
        ds,
        `SELECT id FROM webhook_deliveries WHERE status = 'pending' AND queued_at IS NOT NULL AND next_attempt_at < ? AND id > ? ORDER BY id LIMIT ${PAGE}`,
      ),
      [dbTime(ds, new Date(this.clock.now().getTime() - OVERDUE_MS)), this.sweepAfterId],
    );
    // Walk the overdue rows a page per sweep, so a long queue of waiting jobs cannot hide a lost one.
    this.sweepAfterId = overdue.length === PAGE ? Number(overdue[overdue.length - 1].id) : 0;
    let recovered = 0;
    for (const row of overdue) {
      const id = Number(row.id);
      const state = await this.queue.getJobState(deliveryJobId(id));
      if (LIVE_JOB_STATES.has(state)) continue;
      if (state !== 'unknown') await this.queue.remove(deliveryJobId(id)).catch(() => 0);
      recovered += await execute(
        ds,
        `UPDATE webhook_deliveries SET queued_at = NULL WHERE id = ? AND status = 'pending'`,
        [id],
      );
    }
    const enqueued = await this.flush();
    if (recovered > 0) this.logger.warn(`re-enqueued ${recovered} webhook deliveries whose queue job was lost`);
    return { enqueued, recovered };
  }

  /** Forgets a finished job so the same delivery can be queued again (a redelivery by hand). */
  async forgetJob(deliveryId: number): Promise<void> {
    await this.queue.remove(deliveryJobId(deliveryId)).catch(() => 0);
  }
}
