import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Campaign } from '../../campaigns/campaign.entity';
import { rate } from '../../kinds/common/kind-recipient';
import { KindRegistry } from '../../kinds/kind-registry';
import { attributedRevenue } from '../campaign/attributed-revenue';
import { CampaignFiguresQuery } from '../campaign/campaign-figures.query';
import { KindAction, kindActionOf } from '../campaign/kind-action';
import type { RecentCampaignDto } from './dashboard.dto';
import { KindHeadlinesQuery } from './kind-headlines.query';

export const RECENT_CAMPAIGNS = 8;

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

/**
 * The last campaigns with the campaign report's key figures: the same
 * definitions (human openers and clickers, the kind's action, attributed
 * revenue over delivered), each figure one grouped query over all of them.
 * Recipients, sent and bounces come from the campaign's live counters.
 */
@Injectable()
export class RecentCampaigns {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly figures: CampaignFiguresQuery,
    private readonly headlines: KindHeadlinesQuery,
    private readonly kinds: KindRegistry,
  ) {}

  async execute(): Promise<RecentCampaignDto[]> {
    const campaigns = await this.dataSource
      .getRepository(Campaign)
      .find({ order: { id: 'DESC' }, take: RECENT_CAMPAIGNS });
    const ids = campaigns.map((c) => c.id);
    const actions = new Map<number, KindAction>(
      campaigns.map((c) => [c.id, kindActionOf(this.kinds, this.dataSource, c)]),
    );
    // One query after another: the dashboard holds one pooled connection at a time.
    const reach = await this.figures.humanReachOf(ids);
    const acted = await this.figures.actedOf(actions);
    const inferred = new Map<number, { opened: number; clicked: number }>();
    for (const [id, action] of actions) {
      inferred.set(id, {
        opened: await this.figures.actedWithout(id, action, 'open'),
        clicked: await this.figures.actedWithout(id, action, 'click'),
      });
    }
    const revenue = await this.figures.revenueOf(ids);
    const headlines = await this.headlines.of(campaigns);
    return campaigns.map((c) => {
      // As the report: accepted and not bounced back afterwards.
      const delivered = Math.max(0, c.sentCount - c.hardBounceCount - c.softBounceCount);
      // As the report: one who acted opened and clicked the mail, pixel and redirect or not.
      const seen = reach.get(c.id)!;
      const r = {
        openers: seen.openers + (inferred.get(c.id)?.opened ?? 0),
        clickers: seen.clickers + (inferred.get(c.id)?.clicked ?? 0),
      };
      const actedCount = acted.get(c.id) ?? 0;
      const done = c.sentCount + c.failedCount + c.suppressedCount;
      return {
        id: c.id,
        name: c.name,
        kind: c.kind,
        status: c.status,
        statusReason: c.statusReason,
        scheduledAt: iso(c.scheduledAt),
        startedAt: iso(c.startedAt),
        finishedAt: iso(c.finishedAt),
        recipients: c.totalCount,
        sent: c.sentCount,
        delivered,
        progress: c.status === 'running' || c.status === 'paused' ? rate(done, c.totalCount) : null,
        openers: r.openers,
        openRate: rate(r.openers, delivered),
        clickers: r.clickers,
        clickRate: rate(r.clickers, delivered),
        acted: actedCount,
        actRate: rate(actedCount, delivered),
        action: actions.get(c.id)!.label,
        revenue: attributedRevenue(revenue.get(c.id) ?? []),
        headline: headlines.get(c.id)!,
      };
    });
  }
}
