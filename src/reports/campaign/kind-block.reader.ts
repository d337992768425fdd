import { Injectable } from '@nestjs/common';
import type { Campaign } from '../../campaigns/campaign.entity';
import { ContestReportService } from '../../kinds/contest/contest-report';
import { DiscountReportService } from '../../kinds/discount/discount-report';
import { GiftReportService } from '../../kinds/gift/gift-report';
import { KnowledgeInsightsService } from '../../kinds/knowledge/knowledge-insights.service';
import { LoyaltyReportService } from '../../kinds/loyalty/loyalty-report';
import { PollReportService } from '../../kinds/poll/poll-report';
import { ServiceRequestsService } from '../../kinds/service/service-requests.service';
import type { KindBlock } from './campaign-report.types';

/** The kind's own report (the one behind GET /api/campaigns/:id/report/<kind>), not computed twice. */
@Injectable()
export class KindBlockReader {
  constructor(
    private readonly poll: PollReportService,
    private readonly discount: DiscountReportService,
    private readonly loyalty: LoyaltyReportService,
    private readonly gift: GiftReportService,
    private readonly contest: ContestReportService,
    private readonly service: ServiceRequestsService,
    private readonly knowledge: KnowledgeInsightsService,
  ) {}

  async read(campaign: Campaign): Promise<KindBlock> {
    const id = campaign.id;
    switch (campaign.kind) {
      case 'poll':
        return { kind: 'poll', report: await this.poll.report(id) };
      case 'discount':
        return { kind: 'discount', report: await this.discount.report(id) };
      case 'loyalty':
        return { kind: 'loyalty', report: await this.loyalty.report(id) };
      case 'gift':
        return { kind: 'gift', report: await this.gift.report(id) };
      case 'contest':
        return { kind: 'contest', report: await this.contest.report(id) };
      case 'service':
        return { kind: 'service', report: await this.service.report(id) };
      case 'knowledge':
        return { kind: 'knowledge', report: await this.knowledge.report(id) };
      default: {
        const unreachable: never = campaign.kind;
        throw new Error(`no report for kind ${String(unreachable)}`);
      }
    }
  }
}
