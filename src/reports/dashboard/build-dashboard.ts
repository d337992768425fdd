import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { AttentionItems } from './attention-items';
import type { DashboardDto } from './dashboard.dto';
import { NpsOverTime } from './nps-over-time';
import { RecentCampaigns } from './recent-campaigns';
import { SubscribersOverTime } from './subscribers-over-time';
import { ValueDimensions } from './value-dimensions';

/** GET /api/dashboard: recent campaigns, subscribers and NPS over time, average value, what needs attention. */
@Injectable()
export class BuildDashboard {
  constructor(
    private readonly recentCampaigns: RecentCampaigns,
    private readonly subscribers: SubscribersOverTime,
    private readonly nps: NpsOverTime,
    private readonly value: ValueDimensions,
    private readonly attention: AttentionItems,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<DashboardDto> {
    const generatedAt = this.clock.now().toISOString();
    // One part after another, like the campaign report: a dashboard holds one pooled connection at a time.
    const recentCampaigns = await this.recentCampaigns.execute();
    const subscribersOverTime = await this.subscribers.execute();
    const npsOverTime = await this.nps.execute();
    const valueDimensions = await this.value.execute(subscribersOverTime.total);
    const attention = await this.attention.execute();
    return { generatedAt, recentCampaigns, subscribersOverTime, npsOverTime, valueDimensions, attention };
  }
}
