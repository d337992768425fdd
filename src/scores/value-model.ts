import type { EventType } from '../events/event-types';

// The value model of DESIGN.md in one place: what an interaction is worth,
// which dimensions a kind delivers, how fast it fades, how a sum becomes 0–100.

/** Strength of a human interaction. Events not listed here are facts, not interactions (delivered, bounce...). */
export const INTERACTION_STRENGTH: Partial<Record<EventType, number>> = {
  open: 1,
  click: 3,
  knowledge_click: 3,
  poll_answered: 5,
  contest_entered: 5,
  gift_claimed: 5,
  coupon_redeemed: 5,
  service_requested: 5,
  conversion: 5,
  trial_started: 5,
  bonus_collected: 5,
  points_redeemed: 5,
};

/**
 * What makes engagement: opens, clicks and the acts a person takes from a mail
 * (an answer is engagement too), with the same strengths. Orders and points
 * reported by the shop are value, not engagement with the mail.
 */
const NOT_ENGAGEMENT = new Set<EventType>(['conversion', 'points_redeemed']);
export const ENGAGEMENT_STRENGTH: Partial<Record<EventType, number>> = Object.fromEntries(
  Object.entries(INTERACTION_STRENGTH).filter(([type]) => !NOT_ENGAGEMENT.has(type as EventType)),
);

export const DAY_MS = 86_400_000;

/** What `amount` of strength at `at` is worth at `now` with a half-life in days (never grows for future events). */
export function decayed(amount: number, at: number, now: number, halfLifeDays: number): number {
  if (now <= at) return amount;
  return amount * 2 ** (-(now - at) / (halfLifeDays * DAY_MS));
}

/** A decayed sum at which a score reads 50; each further such amount halves the distance to 100. */
export const HALF_SCORE_SUM = 10;

/** Maps a decayed sum onto 0–100, saturating: 1 open ≈ 7, one answer ≈ 29, 10 points = 50. One decimal. */
export function scoreOf(sum: number): number {
  if (sum <= 0) return 0;
  return Math.round(1000 * (1 - 2 ** (-sum / HALF_SCORE_SUM))) / 10;
}

/** The decayed sum a score corresponds to (the inverse of scoreOf), for thresholds in segments. */
export function sumForScore(score: number): number {
  if (score <= 0) return 0;
  if (score >= 100) return Infinity;
  return -HALF_SCORE_SUM * Math.log2(1 - score / 100);
}

export type NpsClass = 'promoter' | 'passive' | 'detractor';

export function npsClassOf(score: number): NpsClass {
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

const NPS_COUNT_OF = { promoter: 'promoters', passive: 'passives', detractor: 'detractors' } as const;

export interface NpsClassCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

/** NPS = % promoters − % detractors, −100..100, whole number; null without answers. */
export function netPromoterScore(answers: number[]): number | null {
  const counts: NpsClassCounts = { promoters: 0, passives: 0, detractors: 0 };
  for (const a of answers) countNpsAnswer(counts, a);
  return netPromoterScoreOf(counts);
}

/** Adds `times` answers of `answer` (0–10) to their class. */
export function countNpsAnswer(counts: NpsClassCounts, answer: number, times = 1): void {
  counts[NPS_COUNT_OF[npsClassOf(answer)]] += times;
}

/** netPromoterScore from answers already counted per class (as SQL groups them). */
export function netPromoterScoreOf(counts: NpsClassCounts): number | null {
  const answers = counts.promoters + counts.passives + counts.detractors;
  if (answers === 0) return null;
  return Math.round((100 * (counts.promoters - counts.detractors)) / answers);
}
