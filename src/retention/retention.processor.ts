import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { AppConfig } from '../config/app-config';
import { runsWorker } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { PruneResult, RetentionPruner } from './retention-pruner';

export const RETENTION_QUEUE = 'retention';
const PRUNE_JOB = 'prune';
const PRUNE_EVERY_MS = 3_600_000;

@Injectable()
@Processor(RETENTION_QUEUE, { autorun: false, concurrency: 1 })
export class RetentionProcessor extends WorkerHost {
  constructor(private readonly pruner: RetentionPruner) {
    super();
  }

  process(): Promise<PruneResult> {
    return this.pruner.prune();
  }
}

/** One hourly pruning per Redis, however many workers start. */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(RETENTION_QUEUE) private readonly queue: Queue,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!runsWorker(this.config)) return;
    await this.queue.upsertJobScheduler(
      'retention-prune',
      { every: PRUNE_EVERY_MS },
      { name: PRUNE_JOB, data: {}, opts: { removeOnComplete: 24, removeOnFail: 100 } },
    );
  }
}
