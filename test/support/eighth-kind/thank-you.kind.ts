import { Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dbBool, sql } from '../../../src/common/db/sql-dialect';
import {
  actionOfCampaign,
  bySubscriber,
  fillPage,
  forPage,
  groupedByCampaign,
  num,
  yes,
} from '../../../src/kinds/common/kind-queries';
import type {
  CampaignKindDefinition,
  KindCampaign,
  KindHeadline,
  KindOutcomeColumns,
} from '../../../src/kinds/kind-definition';
import { CampaignKindPlugin } from '../../../src/kinds/kind-registry';
import { ThankYouContent } from './thank-you.content';

// An eighth kind that lives only in the test suite: a thank-you note whose one
// link ("thank you back") is its action. It touches no shared code: the registry finds it.

const HUMAN_REPLIES =
  "SELECT subscriber_id, COUNT(*) AS n FROM events WHERE campaign_id = ? AND type = 'click' AND machine = ? AND subscriber_id IN (#) GROUP BY subscriber_id";

@CampaignKindPlugin()
@Injectable()
export class ThankYouKind implements CampaignKindDefinition<ThankYouContent> {
  readonly name = 'thank_you';
  readonly content = {
    type: ThankYouContent,
    sample: {
      message: 'Thank you for a year with us.',
      replyUrl: 'https://shop.example/thanks-back',
      replyLabel: 'You are welcome',
    },
  };
  readonly templateFile = join(__dirname, 'thank-you.mjml');
  readonly valueWeights = { emotional: 1 };
  readonly recipientColumns: KindOutcomeColumns<ThankYouContent> = {
    header: ['thanked_back'],
    load: async (ds, campaign, _content, page) => {
      const replies = bySubscriber(
        await forPage<{ subscriber_id: unknown; n: unknown }>(
          ds,
          HUMAN_REPLIES,
          [campaign.id, dbBool(ds, false)],
          page,
        ),
      );
      return fillPage(page, (r) => [yes(replies.has(r.subscriberId))]);
    },
  };

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  view(content: ThankYouContent): Record<string, unknown> {
    return { thankYou: { buttonLabel: content.replyLabel.trim() } };
  }

  action({ campaign }: KindCampaign<ThankYouContent>) {
    return actionOfCampaign(campaign.id, 'thanked back', ['click']);
  }

  async reportBlock({ campaign, content }: KindCampaign<ThankYouContent>) {
    const ds = this.dataSource;
    const [row] = await ds.query(
      sql(
        ds,
        "SELECT COUNT(DISTINCT subscriber_id) AS n FROM events WHERE campaign_id = ? AND type = 'click' AND machine = ?",
      ),
      [campaign.id, dbBool(ds, false)],
    );
    return { campaignId: campaign.id, replyUrl: content.replyUrl, thankedBack: num(row?.n) };
  }

  async headlines(targets: Array<KindCampaign<ThankYouContent>>): Promise<Map<number, KindHeadline>> {
    const ds = this.dataSource;
    const rows = await groupedByCampaign(
      ds,
      targets,
      "SELECT campaign_id, COUNT(DISTINCT subscriber_id) AS n FROM events WHERE campaign_id IN (#) AND type = 'click' AND machine = ? GROUP BY campaign_id",
      [dbBool(ds, false)],
    );
    return new Map(
      targets.map(({ campaign }) => {
        const thankedBack = num(rows.get(campaign.id)?.n);
        return [campaign.id, { kind: this.name, label: 'Thanked back', value: thankedBack, thankedBack }];
      }),
    );
  }
}

@Module({ providers: [ThankYouKind] })
export class ThankYouKindModule {}
