import type { CampaignKind } from '../campaigns/campaign-kind';
import type { DiscountContent } from '../kinds/discount/discount.content';
import type { GiftContent } from '../kinds/gift/gift.content';
import type { LoyaltyContent } from '../kinds/loyalty/loyalty.content';
import { pollAnswers, PollContent } from '../kinds/poll/poll.content';
import type { LocaleFormatters } from './template-helpers';

/** What a kind template needs beyond its raw content: labels and derived values, computed once per campaign. */
export function kindView(kind: CampaignKind, content: Record<string, unknown>, formatters: LocaleFormatters): Record<string, unknown> {
  switch (kind) {
    case 'poll': {
      const poll = content as unknown as PollContent;
      return {
        poll: {
          answers: pollAnswers(poll),
          isRow: poll.type === 'nps' || poll.type === 'csat',
          scaleHint: poll.type === 'nps' ? '0: not at all likely, 10: extremely likely' : poll.type === 'csat' ? '1: very dissatisfied, 5: very satisfied' : '',
        },
      };
    }
    case 'discount': {
      const d = content as unknown as DiscountContent;
      const offerLabel = {
        percent: `${formatters.percent(d.value)} off`,
        amount: `${formatters.currency(d.value, d.currency)} off`,
        free_shipping: 'Free shipping',
        trial: `${d.trialDays} days of ${d.trialPlan}, free`,
      }[d.offerType];
      const shared = d.codeMode === 'shared';
      // A shared code is the fallback when the sender assigns none per recipient.
      const codeExpression = shared && d.sharedCode ? `{{default kind.couponCode "${d.sharedCode}"}}` : '{{kind.couponCode}}';
      return { discount: { offerLabel, isTrial: d.offerType === 'trial', isShared: shared, codeExpression } };
    }
    case 'loyalty':
      return { loyalty: { onClick: (content as unknown as LoyaltyContent).bonusMode === 'on_click' } };
    case 'knowledge':
      return {
        knowledge: {
          typeLabels: { article: 'Article', course: 'Course', forum: 'Forum', tip: 'Tip', expert: 'Ask an expert' },
          actionLabels: { article: 'Read the article', course: 'Start the course', forum: 'Join the discussion', tip: 'See the tip', expert: 'Ask your question' },
        },
      };
    case 'gift': {
      const labels: Record<GiftContent['giftType'], string> = { code: 'Get my gift code', download: 'Download my gift', shipped: 'Claim my gift' };
      return { gift: { claimLabel: labels[(content as unknown as GiftContent).giftType] ?? 'Claim my gift' } };
    }
    case 'service':
    case 'contest':
      return {};
  }
}
