import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { Job } from 'bullmq';
import { DataSource, Repository } from 'typeorm';
import { AudienceQueryService } from '../audience/audience-query.service';
import { Campaign } from '../campaigns/campaign.entity';
import { RenderService } from '../templates/render.service';
import { Clock } from '../common/clock';
import { dbBool, dbTime, execute, sql } from '../common/db/sql-dialect';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { CampaignRunner } from './campaign-runner';
import { Delivery } from './delivery.entity';
import { DeliveryStore } from './delivery-store';
import { FanOutHookRegistry } from './fan-out-hooks';
import { SendDispatcher } from './send-dispatcher';
import { CAMPAIGN_QUEUE, FAN_OUT_JOB, FanOutJobData, TICK_JOB } from './sending.queues';

const FAN_OUT_PAGE = 1000;
const INSERT_SLICE = 250;

/**
 * The campaign queue: fan-out (audience snapshot into delivery rows, a page per
 * transaction with the checkpoint moved in that same transaction) and the
 * scheduler tick (due campaigns, expired leases, stalled campaigns).
 */
@Injectable()
// A short lock: the tick (lease expiry, stalled campaigns) must not wait long for a worker that froze while holding it.
@Processor(CAMPAIGN_QUEUE, {
  autorun: false,
  concurrency: 2,
  maxStalledCount: 10,
  lockDuration: 10_000,
  stalledInterval: 5_000,
})
export class CampaignQueueProcessor extends WorkerHost {
  private readonly logger = new Logger('CampaignQueue');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Campaign) private readonly campaigns: Repository<Campaign>,
    private readonly audience: AudienceQueryService,
    private readonly renderer: RenderService,
    private readonly dispatcher: SendDispatcher,
    private readonly runner: CampaignRunner,
    private readonly deliveries: DeliveryStore,
    private readonly clock: Clock,
    private readonly kindHooks: FanOutHookRegistry,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case FAN_OUT_JOB:
        return this.fanOut((job.data as FanOutJobData).campaignId);
      case TICK_JOB:
        return this.tick();
      default:
        throw new Error(`No handler for job "${job.name}" on queue ${CAMPAIGN_QUEUE}`);
    }
  }

  private async fanOut(campaignId: number): Promise<{ inserted: number }> {
    const campaign = await this.campaigns.findOneBy({ id: campaignId });
    if (!campaign || campaign.status !== 'running' || campaign.fanoutDone) return { inserted: 0 };
    const ds = this.dataSource;
    if (campaign.fanoutCursor === 0) {
      // Store the link list before any message can carry a link to it.
      const compiled = await this.renderer.compile(campaign);
      await ds.query(sql(ds, 'UPDATE campaigns SET links = ? WHERE id = ?'), [
        JSON.stringify(compiled.links),
        campaignId,
      ]);
    }
    let cursor = campaign.fanoutCursor;
    let inserted = 0;
    for (;;) {
      const [current] = await this.campaigns.find({ where: { id: campaignId }, select: { id: true, status: true } });
      if (!current || current.status !== 'running') return { inserted }; // paused or cancelled: resume continues from the cursor
      const ids = await this.audience.page(campaign.audience, cursor, FAN_OUT_PAGE);
      if (ids.length === 0) break;
      const next = ids[ids.length - 1];
      const moved = await ds.transaction(async (tx) => {
        const advanced = await execute(
          tx,
          'UPDATE campaigns SET fanout_cursor = ?, total_count = total_count + ? WHERE id = ? AND fanout_cursor = ?',
          [next, ids.length, campaignId, cursor],
        );
        if (advanced !== 1) return false; // another fan-out moved the checkpoint: let it own the work
        // SQLite caps the expression depth of one statement, so rows go in slices.
        for (let i = 0; i < ids.length; i += INSERT_SLICE) {
          await tx
            .createQueryBuilder()
            .insert()
            .into(Delivery)
            .values(
              ids
                .slice(i, i + INSERT_SLICE)
                .map((subscriberId) => ({ campaignId, subscriberId, status: 'queued' as const })),
            )
            .orIgnore()
            .execute();
        }
        await this.kindHooks.assign(campaign, ids, tx);
        return true;
      });
      if (!moved) return { inserted };
      cursor = next;
      inserted += ids.length;
      await this.dispatcher.sendTickets(campaignId, Math.ceil(ids.length / this.config.sendBatchSize));
    }
    await ds.query(sql(ds, 'UPDATE campaigns SET fanout_done = ? WHERE id = ?'), [dbBool(ds, true), campaignId]);
    await this.runner.kick(campaignId);
    this.logger.log(`Campaign ${campaignId}: audience snapshot complete (${inserted} deliveries this run)`);
    return { inserted };
  }

  private async tick(): Promise<void> {
    const ds = this.dataSource;
    const now = this.clock.now();
    const due: Array<{ id: number }> = await this.campaigns
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .where("c.status = 'scheduled'")
      .andWhere('c.scheduled_at <= :now', { now: dbTime(ds, now) })
      .getRawMany();
    for (const { id } of due) {
      await this.runner
        .start(Number(id))
        .catch((error: Error) => this.logger.debug(`Campaign ${id} not started by tick: ${error.message}`));
    }
    const expired = await this.deliveries.expireLeases(now, this.config.sending.maxAttempts);
    const stalledBefore = new Date(now.getTime() - Math.max(this.config.sending.leaseMs, 10_000));
    const running: Array<{ id: number | string }> = await this.campaigns
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .where("c.status = 'running'")
      .andWhere('(c.last_batch_at IS NULL OR c.last_batch_at < :before)', { before: dbTime(ds, stalledBefore) })
      .andWhere('c.started_at < :before', { before: dbTime(ds, stalledBefore) })
      .getRawMany();
    const toKick = new Set([...expired, ...running.map((r) => Number(r.id))]);
    for (const id of toKick) await this.runner.kick(id);
  }
}
