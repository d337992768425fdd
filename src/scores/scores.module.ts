import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AudienceModule } from '../audience/audience.module';
import { ExplainController } from './explain/explain.controller';
import { ExplainValue } from './explain/explain-value';
import { ValueProfileConsumer } from './incremental/value-profile.consumer';
import { ValueProfileErasure } from './incremental/value-profile.erasure';
import { LtvPopulation } from './ltv/ltv-population';
import { ModelSettingsCheck } from './recompute/model-settings.check';
import { RecomputeController } from './recompute/recompute.controller';
import { RecomputeScoresProcessor, SCORES_QUEUE } from './recompute/recompute-scores.processor';
import { StartRecompute } from './recompute/start-recompute';
import { AudienceValueReport } from './reports/audience-value-report';
import { ListValueReportController, SegmentValueReportController } from './reports/value-report.controller';
import { ScoresCoreModule } from './scores-core.module';
import { ValueSegmentFields } from './segments/value-segment-fields';

/** Value profiles: kept current from the event log, recomputed in full on demand, explained, segmented, reported. */
@Module({
  imports: [ScoresCoreModule, AudienceModule, BullModule.registerQueue({ name: SCORES_QUEUE })],
  controllers: [RecomputeController, ExplainController, ListValueReportController, SegmentValueReportController],
  providers: [
    ModelSettingsCheck,
    ValueProfileConsumer,
    ValueProfileErasure,
    RecomputeScoresProcessor,
    StartRecompute,
    ExplainValue,
    LtvPopulation,
    ValueSegmentFields,
    AudienceValueReport,
  ],
})
export class ScoresModule {}
