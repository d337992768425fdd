import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FoldEventBatch } from './profile/fold-batch';
import { ProfileStore } from './profile/profile-store';
import { RecomputeRuns } from './recompute/recompute-runs';
import { RecomputeScores } from './recompute/recompute-scores';
import { ScoreRecompute } from './recompute/score-recompute.entity';

/** Profile storage, the fold over batches and the full recompute: what the CLI needs, without queues or HTTP. */
@Module({
  imports: [TypeOrmModule.forFeature([ScoreRecompute])],
  providers: [ProfileStore, FoldEventBatch, RecomputeRuns, RecomputeScores],
  exports: [ProfileStore, FoldEventBatch, RecomputeRuns, RecomputeScores],
})
export class ScoresCoreModule {}
