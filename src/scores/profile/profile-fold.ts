import type { ScoreSettings } from '../../config/app-config';
import type { CampaignKind, ValueDimension } from '../../campaigns/campaign-kind';
import type { EventType } from '../../events/event-types';
import type { ScoreClassChange } from '../score-class-change.hooks';
import { ENGAGEMENT_STRENGTH, INTERACTION_STRENGTH, npsClassOf, scoreOf } from '../value-model';
import {
  addDecayed,
  engagementTierOf,
  halfLifeOf,
  normaliseTopic,
  sumAt,
  TrialStatus,
  ValueProfile,
} from './value-profile';

// The one fold of the value model: the incremental consumer, the full
// recompute and the explain endpoint all call foldEvent, one subscriber's
// events in id order, so they cannot disagree.

/** A human event of one subscriber as the fold reads it (time in epoch milliseconds). */
export interface FoldEvent {
  id: number;
  type: EventType;
  campaignId: number | null;
  occurredAt: number;
  data: Record<string, unknown>;
  /** A repeat of an act already counted: it changes state (the latest answer) but adds no value. */
  repeat?: boolean;
}

/** What the fold needs to know about an event's campaign. */
export interface CampaignFacts {
  kind: CampaignKind;
  /** The dimensions its kind delivers, with their weights. */
  weights: Partial<Record<ValueDimension, number>>;
  /** The interest a click's link stands for (a knowledge item's topic), when the kind has such links. */
  itemOf(data: Record<string, unknown>): { topic: string; title: string } | undefined;
}

/** Explain listens to what each event adds. */
export interface FoldTrace {
  score(score: 'engagement' | ValueDimension, event: FoldEvent, strength: number, weight: number): void;
  interest(topic: string, title: string, event: FoldEvent): void;
}

const ORDER_TYPES: readonly EventType[] = ['purchase', 'conversion'];
const POINTS_TYPES: readonly EventType[] = ['points_earned', 'points_redeemed', 'points_adjusted', 'points_expired'];
const CLICK_TYPES: readonly EventType[] = ['click', 'knowledge_click'];

/** Every event type the fold reads; the others (delivered, bounce…) never touch a profile. */
export const PROFILE_EVENT_TYPES: readonly EventType[] = [
  ...new Set<EventType>([
    ...(Object.keys(INTERACTION_STRENGTH) as EventType[]),
    ...(Object.keys(ENGAGEMENT_STRENGTH) as EventType[]),
    ...ORDER_TYPES,
    ...POINTS_TYPES,
    'poll_answered',
    'trial_started',
  ]),
].sort();

const PROFILE_EVENT_SET = new Set<string>(PROFILE_EVENT_TYPES);
export const isProfileEvent = (type: string): boolean => PROFILE_EVENT_SET.has(type);

/** Whether the fold reads `data` of this event type (the recompute parses JSON only then). */
export const needsData = (type: string): boolean =>
  type === 'poll_answered' ||
  ORDER_TYPES.includes(type as EventType) ||
  POINTS_TYPES.includes(type as EventType) ||
  CLICK_TYPES.includes(type as EventType);

const wholeNumber = (value: unknown): number | undefined => {
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : undefined;
};

/** Whether an order counts towards LTV, and if not, why. */
export function orderVerdict(
  data: Record<string, unknown>,
  settings: ScoreSettings,
): { cents: number } | { reason: string } {
  const amount = data.amount;
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) return { reason: 'no valid amount' };
  if (data.currency !== settings.ltvCurrency)
    return { reason: `in ${String(data.currency)}, LTV counts ${settings.ltvCurrency} only` };
  return { cents: Math.round(amount * 100) };
}

/** The NPS (0–10) or CSAT (1–5) answer of a poll_answered event, if it is one. */
export function satisfactionAnswer(data: Record<string, unknown>): { kind: 'nps' | 'csat'; score: number } | undefined {
  const score = wholeNumber(data.value);
  if (score === undefined) return undefined;
  if (data.pollType === 'nps' && score >= 0 && score <= 10) return { kind: 'nps', score };
  if (data.pollType === 'csat' && score >= 1 && score <= 5) return { kind: 'csat', score };
  return undefined;
}

/** Signed change of the loyalty balance; the ledger writes one event per row (see points-ledger.ts). */
export function pointsDelta(type: EventType, data: Record<string, unknown>): number {
  const points = wholeNumber(data.points) ?? 0;
  switch (type) {
    case 'points_earned':
    case 'points_adjusted':
      return points;
    case 'points_redeemed':
    case 'points_expired':
      return -Math.abs(points);
    default:
      return 0;
  }
}

/**
 * Folds one human event into a profile (mutating it). Events must come in id
 * order per subscriber. The class changes it causes are appended to `changes`
 * when given (the recompute, which announces nothing, saves the work).
 */
export function foldEvent(
  p: ValueProfile,
  e: FoldEvent,
  campaign: CampaignFacts | undefined,
  settings: ScoreSettings,
  changes?: ScoreClassChange[],
  trace?: FoldTrace,
): void {
  const t = e.occurredAt;
  const change = (score: ScoreClassChange['score'], from: string | null, to: string) => {
    if (changes && from !== to)
      changes.push({ subscriberId: p.subscriberId, score, from, to, eventId: e.id, occurredAt: new Date(t) });
  };

  const engagement = e.repeat ? undefined : ENGAGEMENT_STRENGTH[e.type];
  const strength = e.repeat ? undefined : INTERACTION_STRENGTH[e.type];
  if (engagement || strength) p.interactions++;
  if (engagement) {
    const h = halfLifeOf('engagement', settings);
    const before = changes && engagementTierOf(scoreOf(sumAt(p.scores.engagement, t, h)));
    addDecayed(p.scores.engagement, engagement, t, h);
    trace?.score('engagement', e, engagement, 1);
    if (changes) change('engagement', before!, engagementTierOf(scoreOf(sumAt(p.scores.engagement, t, h))));
  }
  if (strength && campaign) {
    for (const [dimension, weight] of Object.entries(campaign.weights) as Array<[ValueDimension, number]>) {
      addDecayed(p.scores[dimension], strength * weight, t, settings.halfLifeDays);
      trace?.score(dimension, e, strength, weight);
    }
  }

  switch (e.type) {
    case 'poll_answered': {
      const answer = satisfactionAnswer(e.data);
      // The latest answer by time counts (a back-dated one does not replace a newer one).
      if (answer?.kind === 'nps' && (!p.nps || t >= p.nps.at)) {
        const before = p.nps ? npsClassOf(p.nps.score) : null;
        p.nps = { score: answer.score, at: t, campaignId: e.campaignId };
        change('nps', before, npsClassOf(answer.score));
      } else if (answer?.kind === 'csat' && (!p.csat || t >= p.csat.at)) {
        p.csat = { score: answer.score, at: t, campaignId: e.campaignId };
      }
      break;
    }
    case 'purchase':
    case 'conversion': {
      const verdict = orderVerdict(e.data, settings);
      if ('cents' in verdict) {
        const o = p.orders;
        o.count++;
        o.revenueCents += verdict.cents;
        o.firstAt = o.firstAt === null ? t : Math.min(o.firstAt, t);
        o.lastAt = o.lastAt === null ? t : Math.max(o.lastAt, t);
      }
      if (e.type === 'conversion') setTrial(p, 'converted', t, change);
      break;
    }
    case 'trial_started':
      if (p.trial.status === 'none') setTrial(p, 'started', t, change);
      break;
    case 'points_earned':
    case 'points_redeemed':
    case 'points_adjusted':
    case 'points_expired':
      p.loyaltyBalance += pointsDelta(e.type, e.data);
      break;
    case 'click':
    case 'knowledge_click': {
      const item = campaign && !e.repeat ? campaign.itemOf(e.data) : undefined;
      if (!item) break;
      const topic = normaliseTopic(item.topic);
      const interest = p.interests.get(topic) ?? { sum: 0, at: t, clicks: 0, lastClickAt: t };
      const decayedSum = { sum: interest.sum, at: interest.clicks === 0 ? null : interest.at };
      addDecayed(decayedSum, 1, t, settings.interestHalfLifeDays);
      p.interests.set(topic, {
        sum: decayedSum.sum,
        at: decayedSum.at!,
        clicks: interest.clicks + 1,
        lastClickAt: Math.max(interest.lastClickAt, t),
      });
      trace?.interest(topic, item.title, e);
      break;
    }
    default:
      break;
  }
  p.lastEventId = e.id;
}

function setTrial(
  p: ValueProfile,
  status: TrialStatus,
  t: number,
  change: (score: 'trial', from: string | null, to: string) => void,
): void {
  if (p.trial.status === status || p.trial.status === 'converted') return;
  change('trial', p.trial.status, status);
  p.trial = { status, at: t };
}
