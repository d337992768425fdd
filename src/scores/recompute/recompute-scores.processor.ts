import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { RecomputeScores } from './recompute-scores';

export const SCORES_QUEUE = 'scores';
export const RECOMPUTE_JOB = 'recompute';

export interface RecomputeScoresJob {
  runId: number;
}

@Processor(SCORES_QUEUE, { autorun: false, concurrency: 1 })
export class RecomputeScoresProcessor extends WorkerHost {
  constructor(private readonly recompute: RecomputeScores) {
    super();
  }

  async process(job: Job<RecomputeScoresJob>): Promise<void> {
    await this.recompute.execute(job.data.runId);
  }
}
