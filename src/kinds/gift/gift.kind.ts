import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Translator } from '../../i18n/translator';
import {
  actionOfCampaign,
  bySubscriber,
  fillPage,
  forPage,
  groupedByCampaign,
  isoOrEmpty,
  num,
  yes,
} from '../common/kind-queries';
import type { CampaignKindDefinition, KindCampaign, KindHeadline, KindOutcomeColumns } from '../kind-definition';
import { CampaignKindPlugin } from '../kind-registry';
import { GiftReportService } from './gift-report';
import { GiftContent, giftSample } from './gift.content';
import { GIFT_PATH } from './gift.paths';

const inDays = (now: Date, days: number): string => new Date(now.getTime() + days * 86_400_000).toISOString();

const recipientColumns: KindOutcomeColumns<GiftContent> = {
  header: ['gift_claimed', 'gift_code', 'claimed_at'],
  async load(ds, campaign, _content, page) {
    const claims = bySubscriber(
      await forPage<{ subscriber_id: unknown; code: string | null; claimed_at: unknown }>(
        ds,
        "SELECT subscriber_id, code, claimed_at FROM gift_claims WHERE campaign_id = ? AND status = 'claimed' AND subscriber_id IN (#)",
        [campaign.id],
        page,
      ),
    );
    return fillPage(page, (r) => {
      const c = claims.get(r.subscriberId)?.[0];
      return [yes(!!c), c?.code ?? '', c ? isoOrEmpty(c.claimed_at) : ''];
    });
  },
};

@CampaignKindPlugin()
@Injectable()
export class GiftKind implements CampaignKindDefinition<GiftContent> {
  readonly name = 'gift';
  readonly content = { type: GiftContent, sample: giftSample };
  readonly valueWeights = { emotional: 1 };
  readonly personalData = [{ table: 'gift_claims', column: 'address' }];
  readonly recipientColumns = recipientColumns;
  readonly publicLinks = [{ name: 'gift', path: GIFT_PATH, segment: false }];

  datesAround(now: Date): Partial<GiftContent> {
    return { claimDeadline: inDays(now, 30) };
  }

  constructor(
    private readonly reports: GiftReportService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  view(content: GiftContent, t: Translator): Record<string, unknown> {
    const type = content.giftType;
    const claimLabel =
      type === 'code'
        ? t.t('mail.gift.claimCode')
        : type === 'download'
          ? t.t('mail.gift.claimDownload')
          : t.t('mail.gift.claimShipped');
    return { gift: { claimLabel } };
  }

  action({ campaign }: KindCampaign<GiftContent>) {
    return actionOfCampaign(campaign.id, 'claimed the gift', ['gift_claimed']);
  }

  reportBlock({ campaign }: KindCampaign<GiftContent>) {
    return this.reports.report(campaign.id);
  }

  async headlines(targets: Array<KindCampaign<GiftContent>>): Promise<Map<number, KindHeadline>> {
    const rows = await groupedByCampaign(
      this.dataSource,
      targets,
      "SELECT campaign_id, COUNT(*) AS n FROM gift_claims WHERE campaign_id IN (#) AND status = 'claimed' GROUP BY campaign_id",
    );
    return new Map(
      targets.map(({ campaign: c }) => {
        const claims = num(rows.get(c.id)?.n);
        return [c.id, { kind: this.name, label: 'Claims', value: claims, claims }];
      }),
    );
  }
}
