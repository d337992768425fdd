import { IsOmittable } from '../../common/omittable';
import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, Max, Min } from 'class-validator';
import { AdminController } from '../../common/admin-controller.decorator';
import { KnowledgeInsightsService, KnowledgeReport, SubscriberInterests } from './knowledge-insights.service';
import { IdParam } from '../../common/whole-number';

export class InterestsQuery {
  @ApiPropertyOptional({ example: 30, description: 'Days after which a click counts half' })
  @IsOmittable()
  @Type(() => Number)
  @IsNumber()
  @Min(1)
  @Max(3650)
  halfLifeDays?: number;
}

@AdminController('campaigns', 'kinds')
export class KnowledgeReportController {
  constructor(private readonly insights: KnowledgeInsightsService) {}

  @Get(':id/report/knowledge')
  @ApiOkResponse({ type: KnowledgeReport })
  report(@IdParam() id: number): Promise<KnowledgeReport> {
    return this.insights.report(id);
  }
}

@AdminController('subscribers', 'kinds')
export class InterestsController {
  constructor(private readonly insights: KnowledgeInsightsService) {}

  @Get(':id/interests')
  @ApiOkResponse({ type: SubscriberInterests })
  interests(@IdParam() id: number, @Query() query: InterestsQuery): Promise<SubscriberInterests> {
    return this.insights.interests(id, query.halfLifeDays);
  }
}
