import { Module } from '@nestjs/common';
import { InterestsController, KnowledgeReportController } from './knowledge.controller';
import { KnowledgeInsightsService } from './knowledge-insights.service';

/** Knowledge items are tracked /r/ links; this module turns their clicks into item, topic and interest figures. */
@Module({
  controllers: [KnowledgeReportController, InterestsController],
  providers: [KnowledgeInsightsService],
  exports: [KnowledgeInsightsService],
})
export class KnowledgeModule {}
