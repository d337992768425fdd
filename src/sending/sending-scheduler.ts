import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { AppConfig } from '../config/app-config';
import { runsWorker } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { CAMPAIGN_QUEUE, TICK_JOB } from './sending.queues';

/** One repeating tick per Redis (a BullMQ job scheduler is unique by id, however many workers start). */
@Injectable()
export class SendingScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(CAMPAIGN_QUEUE) private readonly queue: Queue,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!runsWorker(this.config)) return;
    await this.queue.upsertJobScheduler(
      'campaign-tick',
      { every: this.config.sending.schedulerTickMs },
      { name: TICK_JOB, data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
  }
}
