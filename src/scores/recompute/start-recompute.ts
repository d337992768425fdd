import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { RecomputeProgressDto, RecomputeRuns } from './recompute-runs';
import type { RecomputeTrigger } from './score-recompute.entity';
import { RECOMPUTE_JOB, RecomputeScoresJob, SCORES_QUEUE } from './recompute-scores.processor';

/** Queues a full recompute for a worker; the run's id is the handle for its progress. */
@Injectable()
export class StartRecompute {
  constructor(
    private readonly runs: RecomputeRuns,
    @InjectQueue(SCORES_QUEUE) private readonly queue: Queue<RecomputeScoresJob>,
  ) {}

  async execute(trigger: RecomputeTrigger = 'api'): Promise<RecomputeProgressDto> {
    const run = await this.runs.start(trigger);
    try {
      await this.queue.add(RECOMPUTE_JOB, { runId: run.id }, { jobId: `scores-recompute-${run.id}`, attempts: 1 });
    } catch (error) {
      await this.runs.fail(run.id, `could not be queued: ${(error as Error).message}`);
      throw error;
    }
    return this.runs.progress(run.id);
  }
}
