import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { dbTime } from '../../common/db/sql-dialect';
import { bySubscriber, fillPage, forPage, groupedByCampaign, num } from '../common/kind-queries';
import type {
  CampaignKindDefinition,
  KindAction,
  KindCampaign,
  KindHeadline,
  KindOutcomeColumns,
} from '../kind-definition';
import { CampaignKindPlugin } from '../kind-registry';
import { LoyaltyBonusHook } from './loyalty-bonus.hook';
import { loyaltySince, LoyaltyReportService } from './loyalty-report';
import { LoyaltyContent, loyaltySample } from './loyalty.content';
import { LOYALTY_PATH } from './loyalty.paths';

const recipientColumns: KindOutcomeColumns<LoyaltyContent> = {
  header: ['points_balance_at_send', 'points_earned', 'points_redeemed_after'],
  async load(ds, campaign, _content, page) {
    const earned = bySubscriber(
      await forPage<{ subscriber_id: unknown; p: unknown }>(
        ds,
        "SELECT subscriber_id, SUM(points) AS p FROM points_ledger WHERE campaign_id = ? AND entry_type = 'earn' AND subscriber_id IN (#) GROUP BY subscriber_id",
        [campaign.id],
        page,
      ),
    );
    // Redemptions carry no campaign: the recipient's after the send count, as in the loyalty report.
    const redeemed = bySubscriber(
      await forPage<{ subscriber_id: unknown; p: unknown }>(
        ds,
        "SELECT subscriber_id, SUM(-points) AS p FROM points_ledger WHERE entry_type = 'redeem' AND created_at >= ? AND subscriber_id IN (#) GROUP BY subscriber_id",
        [dbTime(ds, loyaltySince(campaign))],
        page,
      ),
    );
    return fillPage(page, (r) => [
      r.kindData?.pointsBalance ?? '',
      Number(earned.get(r.subscriberId)?.[0]?.p ?? 0),
      Number(redeemed.get(r.subscriberId)?.[0]?.p ?? 0),
    ]);
  },
};

@CampaignKindPlugin()
@Injectable()
export class LoyaltyKind implements CampaignKindDefinition<LoyaltyContent> {
  readonly name = 'loyalty';
  readonly content = { type: LoyaltyContent, sample: loyaltySample };
  readonly valueWeights = { economic: 1, emotional: 0.5 };
  readonly previewKindData = { pointsBalance: 1250 };
  readonly recipientColumns = recipientColumns;
  readonly publicLinks = [{ name: 'loyalty', path: LOYALTY_PATH, segment: false }];

  constructor(
    private readonly bonus: LoyaltyBonusHook,
    private readonly reports: LoyaltyReportService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  view(content: LoyaltyContent): Record<string, unknown> {
    return { loyalty: { onClick: content.bonusMode === 'on_click' } };
  }

  assignKindData({ campaign, content }: KindCampaign<LoyaltyContent>, subscriberIds: number[], manager: EntityManager) {
    return this.bonus.assign(campaign, content, subscriberIds, manager);
  }

  action({ campaign }: KindCampaign<LoyaltyContent>, ds: DataSource): KindAction {
    // Redemptions name no campaign: a recipient's redemption after the send counts, as in the loyalty report.
    return {
      label: 'collected the bonus or redeemed points',
      eventTypes: ['bonus_collected', 'points_redeemed'],
      where:
        "((e.campaign_id = ? AND e.type = 'bonus_collected') OR (e.type = 'points_redeemed' AND e.occurred_at >= ?))",
      params: [campaign.id, dbTime(ds, loyaltySince(campaign))],
    };
  }

  reportBlock({ campaign }: KindCampaign<LoyaltyContent>) {
    return this.reports.report(campaign.id);
  }

  async headlines(targets: Array<KindCampaign<LoyaltyContent>>): Promise<Map<number, KindHeadline>> {
    const rows = await groupedByCampaign(
      this.dataSource,
      targets,
      "SELECT campaign_id, COUNT(*) AS n, COALESCE(SUM(points), 0) AS points FROM points_ledger WHERE campaign_id IN (#) AND entry_type = 'earn' GROUP BY campaign_id",
    );
    return new Map(
      targets.map(({ campaign: c }) => {
        const row = rows.get(c.id);
        return [
          c.id,
          {
            kind: this.name,
            label: 'Points issued',
            value: num(row?.points),
            pointsIssued: num(row?.points),
            bonusCredited: num(row?.n),
          },
        ];
      }),
    );
  }
}
