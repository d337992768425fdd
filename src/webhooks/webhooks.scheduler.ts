import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { AppConfig } from '../config/app-config';
import { runsWorker } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { SWEEP_JOB, WEBHOOK_QUEUE } from './webhooks.queue';

const SWEEP_EVERY_MS = 30_000;

/** One repeating outbox sweep per Redis, however many workers start. */
@Injectable()
export class WebhooksScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(WEBHOOK_QUEUE) private readonly queue: Queue,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!runsWorker(this.config)) return;
    await this.queue.upsertJobScheduler(
      'webhooks-sweep',
      { every: SWEEP_EVERY_MS },
      { name: SWEEP_JOB, data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
  }
}
