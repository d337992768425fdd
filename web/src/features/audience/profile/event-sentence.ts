import type { TFunction } from 'i18next';
import type { TimelineEvent } from '../../../api/types';
import { fmtMoney, fmtNumber } from '../../../lib/format';

const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A link as a person reads it: host and path, no query string or scheme. */
function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return url;
  }
}

/** What happened, as a sentence for a marketer ("Answered 9 out of 10 …"), never "value: 9 · pollType: nps". */
export function eventSentence(e: TimelineEvent, t: TFunction): string {
  const d = e.data ?? {};
  switch (e.type) {
    case 'click':
      return text(d.url) ? t('timeline.clickTo', { url: shortUrl(text(d.url)) }) : t('timeline.click');
    case 'conversion':
    case 'purchase': {
      const amount = num(d.amount);
      if (amount === null) return t(`timeline.${e.type}`);
      return t(`timeline.${e.type}For`, { amount: fmtMoney(amount, text(d.currency) || 'EUR') });
    }
    case 'trial_started':
      return text(d.plan) ? t('timeline.trialOf', { plan: text(d.plan) }) : t('timeline.trial_started');
    case 'points_earned':
    case 'points_redeemed':
    case 'points_adjusted':
    case 'points_expired':
    case 'bonus_collected':
      return t(`timeline.${e.type}`, { points: fmtNumber(Math.abs(num(d.points) ?? 0)) });
    case 'poll_answered': {
      const type = text(d.pollType);
      const key = ['nps', 'csat', 'yesno'].includes(type) ? `timeline.poll_${type}` : 'timeline.poll_answered';
      return t(key, { value: text(d.value) });
    }
    case 'contest_referral':
      return num(d.bonusEntries)
        ? t('timeline.contest_referralBonus', { count: num(d.bonusEntries) ?? 0 })
        : t('timeline.contest_referral');
    case 'contest_won':
      return text(d.prize) ? t('timeline.contest_wonPrize', { prize: text(d.prize) }) : t('timeline.contest_won');
    default: {
      // Events recorded through the API may have types of their own: their label, else the type in words.
      const fallback = t(`events.${e.type}`, { defaultValue: e.type.replace(/_/g, ' ') });
      return t(`timeline.${e.type}`, {
        code: text(d.code),
        topic: text(d.topic),
        comment: text(d.comment),
        defaultValue: fallback,
      });
    }
  }
}

/** Why an event does not count, in words ("Apple Mail's privacy protection loaded the images, not a person"). */
export function machineSentence(e: TimelineEvent, t: TFunction): string {
  const reason = t(`timeline.machine.${e.machineReason ?? 'unknown'}`, {
    defaultValue: t('timeline.machine.unknown'),
  });
  return t('timeline.machineNote', { reason });
}
