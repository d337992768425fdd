import { Module } from '@nestjs/common';
import { InterestsController, KnowledgeReportController } from './knowledge.controller';
import { KnowledgeInsightsService } from './knowledge-insights.service';
import { KnowledgeKind } from './knowledge.kind';

/** Knowledge items are tracked /r/ links; this module turns their clicks into item, topic and interest figures. */
@Module({
  controllers: [KnowledgeReportController, InterestsController],
  providers: [KnowledgeKind, KnowledgeInsightsService],
  exports: [KnowledgeInsightsService],
})
export class KnowledgeModule {}
