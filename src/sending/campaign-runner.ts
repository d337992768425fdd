import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { Clock } from '../common/clock';
import { dbBool, dbTime, execute, sql } from '../common/db/sql-dialect';
import { applyTransition } from '../campaigns/campaign-transition';
import { DeliveryStore } from './delivery-store';
import { FanOutHookRegistry } from './fan-out-hooks';
import { SendDispatcher } from './send-dispatcher';

/** Starts, resumes and finishes campaigns; every step a compare-and-set in the database. */
@Injectable()
export class CampaignRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly dispatcher: SendDispatcher,
    private readonly deliveries: DeliveryStore,
    private readonly clock: Clock,
    private readonly kindHooks: FanOutHookRegistry,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** draft|scheduled → running exactly once, however many callers race. */
  async start(campaignId: number): Promise<void> {
    await this.kindHooks.beforeStart(campaignId);
    await applyTransition(this.dataSource, campaignId, 'start', this.clock.now());
    await this.dispatcher.fanOut(campaignId);
  }

  async resume(campaignId: number): Promise<void> {
    await applyTransition(this.dataSource, campaignId, 'resume', this.clock.now());
    await this.kick(campaignId);
  }

  /** Makes sure a running campaign has work queued: the fan-out if unfinished, else send tickets for what remains. */
  async kick(campaignId: number): Promise<void> {
    const ds = this.dataSource;
    const [row]: Array<Record<string, unknown>> = await ds.query(
      sql(
        ds,
        'SELECT fanout_done, total_count, sent_count, failed_count, suppressed_count FROM campaigns WHERE id = ?',
      ),
      [campaignId],
    );
    if (!row) return;
    const fanoutDone = row.fanout_done === true || Number(row.fanout_done) === 1;
    if (!fanoutDone) {
      await this.dispatcher.fanOut(campaignId);
      return;
    }
    const remaining =
      Number(row.total_count) - Number(row.sent_count) - Number(row.failed_count) - Number(row.suppressed_count);
    const chains = Math.min(Math.ceil(remaining / this.config.sendBatchSize), this.config.sendConcurrency);
    await this.dispatcher.sendTickets(campaignId, chains, { chain: true });
    if (remaining <= 0) await this.finishIfDone(campaignId);
  }

  /** running → finished once the fan-out is complete and every row reached a final state. */
  async finishIfDone(campaignId: number): Promise<boolean> {
    const ds = this.dataSource;
    if (await this.deliveries.hasUnfinished(campaignId)) return false;
    const now = dbTime(ds, this.clock.now());
    const changed = await execute(
      ds,
      `UPDATE campaigns SET status = 'finished', finished_at = ?, updated_at = ?
        WHERE id = ? AND status = 'running' AND fanout_done = ? AND sent_count + failed_count + suppressed_count >= total_count`,
      [now, now, campaignId, dbBool(ds, true)],
    );
    return changed === 1;
  }
}
