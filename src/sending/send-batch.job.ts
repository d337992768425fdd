import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Semaphore } from 'async-mutex';
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
import { backoffMs } from '../common/backoff';
import { classifySmtpError } from './smtp-outcome';
import { TransportHealth } from './transport-health';
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
 * Outcomes written as they come: the first starts a write, those that arrive
 * meanwhile go together in the next one, so what the relay accepted is on
 * record one short transaction later. A failed write stops further writes and
 * fails `flush` (the job then fails and its rows expire to uncertain).
 */
class GroupCommit {
  private pending: DeliveryResult[] = [];
  private inWrite = 0;
  private writing: Promise<void> | null = null;
  private failure: unknown;

  constructor(private readonly write: (chunk: DeliveryResult[]) => Promise<void>) {}

  add(result: DeliveryResult): DeliveryResult {
    this.pending.push(result);
    this.writing ??= this.drain();
    return result;
  }

  /**
   * Waits until fewer than `max` outcomes are off the record. A new message starts only then, so what a
   * crash or a freeze can leave sent but unrecorded stays below twice the pool, however slow a write is.
   */
  async room(max: number): Promise<void> {
    while (this.writing && this.pending.length + this.inWrite >= max) await this.writing;
  }

  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    if (this.pending.length > 0 && this.failure === undefined) {
      this.writing = this.drain();
      await this.writing;
    }
    if (this.failure !== undefined) throw this.failure;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0 && this.failure === undefined) {
        const chunk = this.pending;
        this.pending = [];
        this.inWrite = chunk.length;
        await this.write(chunk);
        this.inWrite = 0;
      }
    } catch (error) {
      this.failure = error;
    } finally {
      this.inWrite = 0;
      this.writing = null;
    }
  }
}

/**
 * One ticket = one batch: claim rows (committed as `sending`), check
 * suppression and status at send time, render, send, and commit outcomes and
 * counters as they come (GroupCommit). Pause/cancel
 * take effect at the next ticket; a transport that is down holds the tickets.
 */
@Injectable()
@Processor(SEND_QUEUE, { autorun: false, concurrency: 2, maxStalledCount: 10 })
export class SendBatchProcessor extends WorkerHost {
  private readonly logger = new Logger('SendBatch');
  private readonly slotsByTransport = new Map<string, Semaphore>();

  constructor(
    @InjectRepository(Campaign) private readonly campaigns: Repository<Campaign>,
    private readonly suppressions: SuppressionsService,
    private readonly store: DeliveryStore,
    private readonly renderer: RenderService,
    private readonly builder: MessageBuilder,
    private readonly transport: MailTransport,
    private readonly throttle: TransportThrottle,
    private readonly health: TransportHealth,
    private readonly bounces: BounceRecorder,
    private readonly runner: CampaignRunner,
    private readonly dispatcher: SendDispatcher,
    private readonly meter: SendRateMeter,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super();
  }

  private smtpSlots(transport: string): Semaphore {
    let slots = this.slotsByTransport.get(transport);
    if (!slots) this.slotsByTransport.set(transport, (slots = new Semaphore(this.config.smtpPoolSize)));
    return slots;
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
    if (!(await this.health.probeIfDue(campaign.transport))) {
      // The relay is down: this ticket comes back when the next probe is due; no row is touched.
      await this.dispatcher.sendTickets(campaignId, 1, {
        delayMs: Math.max(100, await this.health.msUntilProbe(campaign.transport)),
        chain,
      });
      return { claimed: 0 };
    }
    const { claimToken, rows: claimed } = await this.store.claim(
      campaignId,
      campaign.audience.listIds ?? [],
      this.config.sendBatchSize,
      this.config.sending.leaseMs,
      this.clock.now(),
    );
    if (claimed.length === 0) {
      await this.runner.finishIfDone(campaignId);
      return { claimed: 0 };
    }
    const compiled = await this.renderer.compile(campaign);
    const suppressed = await this.suppressedHashes(claimed);
    const { leaseMs } = this.config.sending;
    // Rows are ours only while the lease lasts: a worker frozen past it (SIGSTOP, a long GC, a VM pause) must not
    // go on sending rows another worker has taken over since. The stored lease follows the Clock like the claim;
    // whether this process still holds it is wall time, the only measure of how long it was frozen.
    let leaseUntil = Date.now() + leaseMs;
    const margin = Math.min(1000, leaseMs / 4);
    const heartbeat = setInterval(
      () => {
        const until = Date.now() + leaseMs;
        this.store
          .renewLease(claimToken, new Date(this.clock.now().getTime() + leaseMs))
          .then((held) => (leaseUntil = held > 0 ? until : 0))
          .catch((e: Error) => this.logger.warn(`Lease renewal failed: ${e.message}`));
      },
      Math.max(250, Math.floor(leaseMs / 3)),
    );
    const outcomes = new GroupCommit((chunk) => this.store.complete(campaignId, claimToken, chunk, this.clock.now()));
    let results: DeliveryResult[];
    try {
      const holds = () => Date.now() <= leaseUntil - margin;
      const attempted = await mapLimit(claimed, this.config.smtpPoolSize, async (delivery) => {
        await outcomes.room(this.config.smtpPoolSize);
        const result = holds() ? await this.deliver(campaign, compiled, delivery, suppressed, holds) : null;
        return result && outcomes.add(result);
      });
      results = attempted.filter((r): r is DeliveryResult => r !== null);
    } catch (error) {
      // What was sent before the failure is still recorded, so it is not sent again.
      await outcomes.flush().catch(() => undefined);
      throw error;
    } finally {
      clearInterval(heartbeat);
    }
    await outcomes.flush();
    const sent = results.filter((r) => r.status === 'sent').length;
    if (sent > 0) await this.meter.record(campaignId, sent);
    const retries = results.filter((r): r is Extract<DeliveryResult, { status: 'retry' }> => r.status === 'retry');
    if (retries.length > 0) {
      // Due together at the latest retry time of the batch, so one ticket finds them all.
      const latest = Math.max(...retries.map((r) => r.nextAttemptAt.getTime()));
      await this.dispatcher.sendTickets(campaignId, Math.ceil(retries.length / this.config.sendBatchSize), {
        delayMs: Math.max(0, latest - this.clock.now().getTime()) + 5,
      });
    }
    if (chain && claimed.length === this.config.sendBatchSize)
      await this.dispatcher.sendTickets(campaignId, 1, { chain: true });
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
    holds: () => boolean,
  ): Promise<DeliveryResult | null> {
    const listBound = (campaign.audience.listIds?.length ?? 0) > 0;
    if (!d.email) return { id: d.id, status: 'suppressed', error: 'subscriber erased' };
    if (d.subscriberStatus !== 'active')
      return { id: d.id, status: 'suppressed', error: `subscriber is ${d.subscriberStatus}` };
    if (listBound && !d.stillMember)
      return { id: d.id, status: 'suppressed', error: 'no longer a confirmed member of the list' };
    if (suppressed.has(emailHash(d.email)))
      return { id: d.id, status: 'suppressed', error: 'address is on the suppression list' };
    if (await this.health.outage(campaign.transport)) {
      return {
        id: d.id,
        status: 'retry',
        error: 'waiting for the SMTP transport',
        countsAsAttempt: false,
        nextAttemptAt: this.clock.now(),
      };
    }
    try {
      await this.throttle.acquire(campaign.transport);
      const rendered = this.renderer.render(compiled, {
        campaignId: campaign.id,
        deliveryId: d.id,
        subscriber: {
          id: d.subscriberId,
          email: d.email,
          name: d.name,
          firstName: d.firstName,
          lastName: d.lastName,
          attributes: d.attributes,
        },
        kindData: d.kindData ?? undefined,
      });
      const message = this.builder.build(
        campaign,
        { deliveryId: d.id, subscriberId: d.subscriberId, email: d.email, name: d.name },
        rendered,
      );
      // At most the pool's connections in SMTP at once per process, the lease checked as a connection is free:
      // a message waiting in a queue of ours or Nodemailer's is never sent after the rows were taken over.
      const info = await this.smtpSlots(campaign.transport).runExclusive(() =>
        holds() ? this.transport.send(message, campaign.transport) : null,
      );
      if (info === null) return null;
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
        case 'transport_down':
          await this.health.reportDown(campaign.transport, outcome.reason);
          return {
            id: d.id,
            status: 'retry',
            error: outcome.reason,
            countsAsAttempt: false,
            nextAttemptAt: this.clock.now(),
          };
        case 'retry':
          if (attempt >= this.config.sending.maxAttempts) {
            return { id: d.id, status: 'failed', error: `gave up after ${attempt} attempts: ${outcome.reason}` };
          }
          return {
            id: d.id,
            status: 'retry',
            error: outcome.reason,
            countsAsAttempt: true,
            nextAttemptAt: new Date(
              this.clock.now().getTime() +
                backoffMs({ baseMs: this.config.sending.retryBaseMs, growth: 2, ceilingMs: 3_600_000 }, attempt),
            ),
          };
        default: {
          const unreachable: never = outcome;
          throw new Error(`unhandled SMTP outcome ${JSON.stringify(unreachable)}`, { cause: error });
        }
      }
    }
  }
}
