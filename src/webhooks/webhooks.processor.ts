import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { DeliverWebhook } from './deliver-webhook';
import { WebhookOutbox } from './webhook-outbox';
import { DELIVER_JOB, DeliverWebhookJobData, RetryLater, SWEEP_JOB, WEBHOOK_QUEUE } from './webhooks.queue';

/** The delay an attempt asked for; an unexpected error (database down) waits a minute and doubles, up to 15 min. */
export function webhookJobBackoff(attemptsMade: number, _type: string | undefined, error: Error | undefined): number {
  if (error instanceof RetryLater || error?.name === 'RetryLater') return (error as RetryLater).delayMs;
  return Math.min(15 * 60_000, 60_000 * 2 ** Math.max(0, attemptsMade - 1));
}

@Injectable()
@Processor(WEBHOOK_QUEUE, {
  autorun: false,
  concurrency: 8,
  maxStalledCount: 10,
  settings: { backoffStrategy: webhookJobBackoff },
})
export class WebhooksProcessor extends WorkerHost {
  constructor(
    private readonly deliver: DeliverWebhook,
    private readonly outbox: WebhookOutbox,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super();
  }

  /** Called by WorkerRoleStarter before the worker runs: decorator options cannot read config. */
  configureWorker(): void {
    this.worker.concurrency = this.config.webhooks.concurrency;
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case DELIVER_JOB:
        return this.deliver.execute((job.data as DeliverWebhookJobData).deliveryId);
      case SWEEP_JOB:
        return this.outbox.sweep();
      default:
        throw new Error(`No handler for job "${job.name}" on queue ${WEBHOOK_QUEUE}`);
    }
  }
}
