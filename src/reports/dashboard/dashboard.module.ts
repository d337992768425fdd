import { Module } from '@nestjs/common';
import { AudienceModule } from '../../audience/audience.module';
import { CampaignReportModule } from '../campaign/campaign-report.module';
import { AttentionItems } from './attention-items';
import { BuildDashboard } from './build-dashboard';
import { DashboardController } from './dashboard.controller';
import { KindHeadlinesQuery } from './kind-headlines.query';
import { NpsOverTime } from './nps-over-time';
import { RecentCampaigns } from './recent-campaigns';
import { SubscribersOverTime } from './subscribers-over-time';
import { ValueDimensions } from './value-dimensions';

/** A read model over campaigns, the audience, the event log and the kinds, like the campaign report it builds on. */
@Module({
  imports: [CampaignReportModule, AudienceModule],
  controllers: [DashboardController],
  providers: [
    BuildDashboard,
    RecentCampaigns,
    KindHeadlinesQuery,
    SubscribersOverTime,
    NpsOverTime,
    ValueDimensions,
    AttentionItems,
  ],
})
export class DashboardModule {}
