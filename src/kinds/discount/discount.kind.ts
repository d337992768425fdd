import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
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
import { rate } from '../common/kind-recipient';
import type { CampaignKindDefinition, KindCampaign, KindHeadline, KindOutcomeColumns } from '../kind-definition';
import { CampaignKindPlugin } from '../kind-registry';
import { CouponAssignmentHook } from './coupon-assignment.hook';
import { CONVERTED_TRIALS, DiscountReportService, TRIAL_TO_PAID_BENCHMARK } from './discount-report';
import { DiscountContent, discountSample } from './discount.content';
import { TRIAL_PATH } from './discount.paths';

const inDays = (now: Date, days: number): string => new Date(now.getTime() + days * 86_400_000).toISOString();

const recipientColumns: KindOutcomeColumns<DiscountContent> = {
  header: ['coupon_code', 'coupon_redeemed', 'redeemed_amount', 'trial_started_at', 'trial_converted'],
  async load(ds, campaign, content, page) {
    const redeemed = bySubscriber(
      await forPage<{ subscriber_id: unknown; n: unknown; amount: unknown }>(
        ds,
        "SELECT subscriber_id, COUNT(*) AS n, SUM(amount) AS amount FROM coupon_redemptions WHERE campaign_id = ? AND status = 'redeemed' AND subscriber_id IN (#) GROUP BY subscriber_id",
        [campaign.id],
        page,
      ),
    );
    // Converted as the discount report counts it: a conversion of the same subscriber after the trial started.
    const trials = bySubscriber(
      await forPage<{ subscriber_id: unknown; started_at: unknown; converted: unknown }>(
        ds,
        `SELECT t.subscriber_id, t.started_at, (SELECT COUNT(*) FROM events e WHERE e.type = 'conversion' AND e.subscriber_id = t.subscriber_id
         AND e.occurred_at >= t.started_at AND (e.campaign_id IS NULL OR e.campaign_id = t.campaign_id)) AS converted
       FROM trials t WHERE t.campaign_id = ? AND t.subscriber_id IN (#)`,
        [campaign.id],
        page,
      ),
    );
    const isTrial = content.offerType === 'trial';
    return fillPage(page, (r) => {
      const code = isTrial ? '' : String(r.kindData?.couponCode ?? content.sharedCode ?? '');
      const red = redeemed.get(r.subscriberId)?.[0];
      const trial = trials.get(r.subscriberId)?.[0];
      return [
        code,
        isTrial ? '' : yes(!!red),
        red ? Math.round(Number(red.amount) * 100) / 100 : '',
        trial ? isoOrEmpty(trial.started_at) : '',
        trial ? yes(Number(trial.converted) > 0) : '',
      ];
    });
  },
};

@CampaignKindPlugin()
@Injectable()
export class DiscountKind implements CampaignKindDefinition<DiscountContent> {
  readonly name = 'discount';
  readonly content = { type: DiscountContent, sample: discountSample };
  readonly valueWeights = { economic: 1 };
  readonly previewKindData = { couponCode: 'PREVIEW-CODE' };
  readonly recipientColumns = recipientColumns;
  readonly publicLinks = [{ name: 'trial', path: TRIAL_PATH, segment: false }];

  datesAround(now: Date): Partial<DiscountContent> {
    return { validFrom: inDays(now, -1), validUntil: inDays(now, 30) };
  }

  constructor(
    private readonly coupons: CouponAssignmentHook,
    private readonly reports: DiscountReportService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  view(d: DiscountContent, t: Translator): Record<string, unknown> {
    const offerLabel = {
      percent: () => t.t('mail.discount.percentOff', { value: t.format.percent(d.value) }),
      amount: () => t.t('mail.discount.amountOff', { value: t.format.currency(d.value, d.currency) }),
      free_shipping: () => t.t('mail.discount.freeShipping'),
      trial: () => t.t('mail.discount.trialOffer', { days: d.trialDays ?? 0, plan: d.trialPlan ?? '' }),
    }[d.offerType]();
    const shared = d.codeMode === 'shared';
    // A shared code is the fallback when the sender assigns none per recipient.
    const codeExpression =
      shared && d.sharedCode ? `{{default kind.couponCode "${d.sharedCode}"}}` : '{{kind.couponCode}}';
    return { discount: { offerLabel, isTrial: d.offerType === 'trial', isShared: shared, codeExpression } };
  }

  beforeStart({ campaign, content }: KindCampaign<DiscountContent>): Promise<void> {
    return this.coupons.beforeStart(campaign, content);
  }

  assignKindData(
    { campaign, content }: KindCampaign<DiscountContent>,
    subscriberIds: number[],
    manager: EntityManager,
  ) {
    return this.coupons.assign(campaign, content, subscriberIds, manager);
  }

  action({ campaign }: KindCampaign<DiscountContent>) {
    return actionOfCampaign(campaign.id, 'redeemed the coupon or started the trial', [
      'coupon_redeemed',
      'trial_started',
    ]);
  }

  reportBlock({ campaign }: KindCampaign<DiscountContent>) {
    return this.reports.report(campaign.id);
  }

  /** Redemptions, and trials with how many became paid (the seed's ~20% beside it). */
  async headlines(targets: Array<KindCampaign<DiscountContent>>): Promise<Map<number, KindHeadline>> {
    const result = new Map<number, KindHeadline>();
    if (targets.length === 0) return result;
    const ds = this.dataSource;
    const redeemed = await groupedByCampaign(
      ds,
      targets,
      "SELECT campaign_id, COUNT(*) AS n, COALESCE(SUM(amount), 0) AS amount FROM coupon_redemptions WHERE campaign_id IN (#) AND status = 'redeemed' GROUP BY campaign_id",
    );
    const trials = await groupedByCampaign(
      ds,
      targets,
      'SELECT campaign_id, COUNT(*) AS n FROM trials WHERE campaign_id IN (#) GROUP BY campaign_id',
    );
    const converted = await groupedByCampaign(
      ds,
      targets,
      `SELECT t.campaign_id, COUNT(DISTINCT t.id) AS n FROM ${CONVERTED_TRIALS} WHERE t.campaign_id IN (#) GROUP BY t.campaign_id`,
    );
    for (const { campaign: c } of targets) {
      const redemptions = num(redeemed.get(c.id)?.n);
      const trialStarts = num(trials.get(c.id)?.n);
      const conversions = num(converted.get(c.id)?.n);
      result.set(c.id, {
        kind: this.name,
        label: 'Redemptions',
        value: redemptions,
        redemptions,
        redemptionAmount: Math.round(num(redeemed.get(c.id)?.amount) * 100) / 100,
        trialStarts,
        conversions,
        trialToPaidRate: rate(conversions, trialStarts),
        trialToPaidBenchmark: TRIAL_TO_PAID_BENCHMARK,
      });
    }
    return result;
  }
}
