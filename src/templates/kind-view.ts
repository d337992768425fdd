import type { CampaignKind } from '../campaigns/campaign-kind';
import type { Translator } from '../i18n/translator';
import type { DiscountContent } from '../kinds/discount/discount.content';
import type { GiftContent } from '../kinds/gift/gift.content';
import { KNOWLEDGE_ITEM_TYPES } from '../kinds/knowledge/knowledge.content';
import type { LoyaltyContent } from '../kinds/loyalty/loyalty.content';
import { pollAnswers, PollContent } from '../kinds/poll/poll.content';

/** What a kind template needs beyond its raw content: labels and derived values in the campaign's language, computed once per campaign. */
export function kindView(kind: CampaignKind, content: Record<string, unknown>, t: Translator): Record<string, unknown> {
  switch (kind) {
    case 'poll': {
      const poll = content as unknown as PollContent;
      return {
        poll: {
          answers: pollAnswers(poll, t),
          isRow: poll.type === 'nps' || poll.type === 'csat',
          scaleHint: poll.type === 'nps' ? t.t('mail.poll.scaleNps') : poll.type === 'csat' ? t.t('mail.poll.scaleCsat') : '',
        },
      };
    }
    case 'discount': {
      const d = content as unknown as DiscountContent;
      const offerLabel = {
        percent: () => t.t('mail.discount.percentOff', { value: t.format.percent(d.value) }),
        amount: () => t.t('mail.discount.amountOff', { value: t.format.currency(d.value, d.currency) }),
        free_shipping: () => t.t('mail.discount.freeShipping'),
        trial: () => t.t('mail.discount.trialOffer', { days: d.trialDays ?? 0, plan: d.trialPlan ?? '' }),
      }[d.offerType]();
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
          typeLabels: Object.fromEntries(KNOWLEDGE_ITEM_TYPES.map((type) => [type, t.t(`mail.knowledge.type.${type}`)])),
          actionLabels: Object.fromEntries(KNOWLEDGE_ITEM_TYPES.map((type) => [type, t.t(`mail.knowledge.action.${type}`)])),
        },
      };
    case 'gift': {
      const type = (content as unknown as GiftContent).giftType;
      const claimLabel = type === 'code' ? t.t('mail.gift.claimCode') : type === 'download' ? t.t('mail.gift.claimDownload') : t.t('mail.gift.claimShipped');
      return { gift: { claimLabel } };
    }
    case 'service':
    case 'contest':
      return {};
  }
}
