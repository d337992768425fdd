import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Job } from 'bullmq';
import { Repository } from 'typeorm';
import { emailHash } from '../audience/email-address';
import { SuppressionsService } from '../audience/subscribers/suppressions.service';
import { Campaign } from '../campaigns/campaign.entity';
import { Clock } from '../common/clock';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { MailTransport } from '../mail/mail-transport.service';
import { CompiledCampaign, RenderService } from '../templates/render.service';
import { BounceRecorder } from './bounce-recorder';
import { CampaignRunner } from './campaign-runner';
import { ClaimedDelivery, DeliveryResult, DeliveryStore } from './delivery-store';
import { MessageBuilder } from './message-builder';
import { SendDispatcher } from './send-dispatcher';
import { SEND_BATCH_JOB, SEND_QUEUE, SendBatchJobData } from './sending.queues';
import { SendRateMeter } from './send-rate.meter';
import { classifySmtpError, retryDelayMs } from './smtp-outcome';
import { TransportThrottle } from './transport-throttle';

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  });
  await Promise.all(lanes);
  return results;
}

/**
 * One ticket = one batch: claim rows (committed as `sending`), check
 * suppression and status at send time, render, send, then commit outcomes and
 * counters together. Pause/cancel take effect at the next ticket.
 */
@Injectable()
@Processor(SEND_QUEUE, { autorun: false, concurrency: 2, maxStalledCount: 10 })
export class SendBatchProcessor extends WorkerHost {
  private readonly logger = new Logger('SendBatch');

  constructor(
    @InjectRepository(Campaign) private readonly campaigns: Repository<Campaign>,
    private readonly suppressions: SuppressionsService,
    private readonly store: DeliveryStore,
    private readonly renderer: RenderService,
    private readonly builder: MessageBuilder,
    private readonly transport: MailTransport,
    private readonly throttle: TransportThrottle,
    private readonly bounces: BounceRecorder,
    private readonly runner: CampaignRunner,
    private readonly dispatcher: SendDispatcher,
    private readonly meter: SendRateMeter,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super();
  }

  /** Called by WorkerRoleStarter before the worker runs: decorator options cannot read config. */
  configureWorker(): void {
    this.worker.concurrency = this.config.sendConcurrency;
  }

  async process(job: Job<SendBatchJobData>): Promise<{ claimed: number }> {
    if (job.name !== SEND_BATCH_JOB) throw new Error(`No handler for job "${job.name}" on queue ${SEND_QUEUE}`);
    const { campaignId, chain } = job.data;
    const campaign = await this.campaigns.findOneBy({ id: campaignId });
    if (!campaign || campaign.status !== 'running') return { claimed: 0 };
    const { claimToken, rows: claimed } = await this.store.claim(campaignId, campaign.audience.listIds ?? [], this.config.sendBatchSize, this.config.sending.leaseMs, this.clock.now());
    if (claimed.length === 0) {
      await this.runner.finishIfDone(campaignId);
      return { claimed: 0 };
    }
    const compiled = await this.renderer.compile(campaign);
    const suppressed = await this.suppressedHashes(claimed);
    const { leaseMs } = this.config.sending;
    const heartbeat = setInterval(() => {
      this.store.renewLease(claimToken, new Date(Date.now() + leaseMs)).catch((e: Error) => this.logger.warn(`Lease renewal failed: ${e.message}`));
    }, Math.max(250, Math.floor(leaseMs / 3)));
    let results: DeliveryResult[];
    try {
      results = await mapLimit(claimed, this.config.smtpPoolSize, (delivery) => this.deliver(campaign, compiled, delivery, suppressed));
    } finally {
      clearInterval(heartbeat);
    }
    await this.store.complete(campaignId, claimToken, results, this.clock.now());
    const sent = results.filter((r) => r.status === 'sent').length;
    if (sent > 0) await this.meter.record(campaignId, sent);
    const retries = results.filter((r): r is Extract<DeliveryResult, { status: 'retry' }> => r.status === 'retry');
    if (retries.length > 0) {
      // Due together at the latest retry time of the batch, so one ticket finds them all.
      const latest = Math.max(...retries.map((r) => r.nextAttemptAt.getTime()));
      await this.dispatcher.sendTickets(campaignId, Math.ceil(retries.length / this.config.sendBatchSize), { delayMs: Math.max(0, latest - Date.now()) + 5 });
    }
    if (chain && claimed.length === this.config.sendBatchSize) await this.dispatcher.sendTickets(campaignId, 1, { chain: true });
    await this.runner.finishIfDone(campaignId);
    return { claimed: claimed.length };
  }

  private async suppressedHashes(claimed: ClaimedDelivery[]): Promise<Set<string>> {
    const hashes = claimed.filter((d) => d.email).map((d) => emailHash(d.email!));
    if (hashes.length === 0) return new Set();
    return new Set((await this.suppressions.findMany(hashes)).keys());
  }

  private async deliver(
    campaign: Campaign,
    compiled: CompiledCampaign,
    d: ClaimedDelivery,
    suppressed: Set<string>,
  ): Promise<DeliveryResult> {
    const listBound = (campaign.audience.listIds?.length ?? 0) > 0;
    if (!d.email) return { id: d.id, status: 'suppressed', error: 'subscriber erased' };
    if (d.subscriberStatus !== 'active') return { id: d.id, status: 'suppressed', error: `subscriber is ${d.subscriberStatus}` };
    if (listBound && !d.stillMember) return { id: d.id, status: 'suppressed', error: 'no longer a confirmed member of the list' };
    if (suppressed.has(emailHash(d.email))) return { id: d.id, status: 'suppressed', error: 'address is on the suppression list' };
    try {
      await this.throttle.acquire(campaign.transport);
      const rendered = this.renderer.render(compiled, {
        campaignId: campaign.id,
        deliveryId: d.id,
        subscriber: { id: d.subscriberId, email: d.email, name: d.name, attributes: d.attributes },
        kindData: d.kindData ?? undefined,
      });
      const message = this.builder.build(campaign, { deliveryId: d.id, subscriberId: d.subscriberId, email: d.email, name: d.name }, rendered);
      const info = await this.transport.send(message, campaign.transport);
      return { id: d.id, status: 'sent', messageId: String(message.messageId), response: String(info.response ?? '') };
    } catch (error) {
      const outcome = classifySmtpError(error);
      const attempt = d.attempts + 1;
      switch (outcome.kind) {
        case 'bounce':
          await this.bounces.suppressSubscriber(d.subscriberId, 'bounced', outcome.reason);
          return { id: d.id, status: 'failed', error: outcome.reason, hardBounce: true };
        case 'fail':
          return { id: d.id, status: 'failed', error: outcome.reason };
        case 'throttle':
          await this.throttle.throttled(campaign.transport);
          return { id: d.id, status: 'retry', error: outcome.reason, countsAsAttempt: false, nextAttemptAt: new Date(Date.now() + 1000) };
        case 'retry':
          if (attempt >= this.config.sending.maxAttempts) {
            return { id: d.id, status: 'failed', error: `gave up after ${attempt} attempts: ${outcome.reason}` };
          }
          return { id: d.id, status: 'retry', error: outcome.reason, countsAsAttempt: true, nextAttemptAt: new Date(Date.now() + retryDelayMs(this.config.sending.retryBaseMs, attempt)) };
        default: {
          const unreachable: never = outcome;
          throw new Error(`unhandled SMTP outcome ${JSON.stringify(unreachable)}`);
        }
      }
    }
  }
}
