import type { ScoreSettings } from '../../config/app-config';
import { DAY_MS, decayed, npsClassOf, NpsClass, scoreOf } from '../value-model';

// A subscriber's value profile as the fold keeps it: plain numbers, times in
// epoch milliseconds. Everything stored in value_profiles derives from this.

export const SCORE_NAMES = ['engagement', 'functional', 'economic', 'emotional', 'symbolic'] as const;
export type ScoreName = (typeof SCORE_NAMES)[number];

/** A decayed sum as of `at` (the time of the newest event in it); null `at` = nothing yet. */
export interface DecayedSum {
  sum: number;
  at: number | null;
}

export const TRIAL_STATUSES = ['none', 'started', 'converted'] as const;
export type TrialStatus = (typeof TRIAL_STATUSES)[number];

export interface InterestState {
  sum: number;
  at: number;
  clicks: number;
  lastClickAt: number;
}

export interface ValueProfile {
  subscriberId: number;
  scores: Record<ScoreName, DecayedSum>;
  /** Human interactions folded in (events with a strength). */
  interactions: number;
  nps: { score: number; at: number; campaignId: number | null } | null;
  csat: { score: number; at: number; campaignId: number | null } | null;
  /** Orders (purchases and conversions) in the LTV currency; revenue in cents, exact. */
  orders: { count: number; revenueCents: number; firstAt: number | null; lastAt: number | null };
  loyaltyBalance: number;
  trial: { status: TrialStatus; at: number | null };
  /** The newest event folded in. */
  lastEventId: number;
  interests: Map<string, InterestState>;
}

export function emptyProfile(subscriberId: number): ValueProfile {
  const none = (): DecayedSum => ({ sum: 0, at: null });
  return {
    subscriberId,
    scores: { engagement: none(), functional: none(), economic: none(), emotional: none(), symbolic: none() },
    interactions: 0,
    nps: null,
    csat: null,
    orders: { count: 0, revenueCents: 0, firstAt: null, lastAt: null },
    loyaltyBalance: 0,
    trial: { status: 'none', at: null },
    lastEventId: 0,
    interests: new Map(),
  };
}

export function halfLifeOf(score: ScoreName, settings: ScoreSettings): number {
  return score === 'engagement' ? settings.engagementHalfLifeDays : settings.halfLifeDays;
}

/**
 * Adds `amount` at time `t` to a decayed sum. The sum always refers to its
 * newest event, so an event older than that (a back-dated conversion) is
 * decayed to it instead: the result is Σ amountᵢ·2^(−(at−tᵢ)/h) whatever the order.
 */
export function addDecayed(
  d: { sum: number; at: number | null },
  amount: number,
  t: number,
  halfLifeDays: number,
): void {
  if (d.at === null) {
    d.sum = amount;
    d.at = t;
  } else if (t >= d.at) {
    d.sum = d.sum * 2 ** (-(t - d.at) / (halfLifeDays * DAY_MS)) + amount;
    d.at = t;
  } else {
    d.sum += amount * 2 ** (-(d.at - t) / (halfLifeDays * DAY_MS));
  }
}

/** The decayed sum at `now`. */
export function sumAt(d: DecayedSum, now: number, halfLifeDays: number): number {
  return d.at === null ? 0 : decayed(d.sum, d.at, now, halfLifeDays);
}

/**
 * log2(S) + T/h (T and h in days): the sum at now is ≥ X exactly when this is
 * ≥ log2(X) + now/h, so segments compare a stored, indexed column with one
 * parameter instead of decaying every row.
 */
export function anchorOf(d: { sum: number; at: number | null }, halfLifeDays: number): number | null {
  return d.sum > 0 && d.at !== null ? Math.log2(d.sum) + d.at / (halfLifeDays * DAY_MS) : null;
}

/** The anchor a sum of `threshold` has at `now`: the bound segments compare anchors with. */
export function anchorBound(threshold: number, now: number, halfLifeDays: number): number {
  return Math.log2(threshold) + now / (halfLifeDays * DAY_MS);
}

export const ENGAGEMENT_TIERS = ['cold', 'warm', 'engaged', 'champion'] as const;
export type EngagementTier = (typeof ENGAGEMENT_TIERS)[number];

/** cold < 20 ≤ warm < 50 ≤ engaged < 80 ≤ champion, on the 0–100 engagement score. */
export function engagementTierOf(score: number): EngagementTier {
  if (score >= 80) return 'champion';
  if (score >= 50) return 'engaged';
  if (score >= 20) return 'warm';
  return 'cold';
}

export const npsClassOfProfile = (p: ValueProfile): NpsClass | null => (p.nps ? npsClassOf(p.nps.score) : null);

/** Average month (365.25 / 12 days), the unit of C and t. */
export const MONTH_MS = (365.25 / 12) * DAY_MS;

export interface LtvBreakdown {
  /** S: average order value. */
  averageOrderValue: number;
  /** C: orders per month over the observed months. */
  ordersPerMonth: number;
  /** P: the margin setting. */
  margin: number;
  /** t: months of relationship. */
  months: number;
  monthsSource: 'observed' | 'setting';
  /** Months between the first and the last order, at least 1 (one order is a one-month relationship). */
  observedMonths: number;
  orders: number;
  revenue: number;
  value: number;
}

/**
 * The stored LTV = S × C × P × t from the orders alone (never from "now"), so it can be stored and segmented:
 * with LTV_MONTHS = 0 the observed months, i.e. revenue × P. The predicted LTV is made at read time (src/scores/ltv).
 */
export function ltvOf(orders: ValueProfile['orders'], settings: ScoreSettings): LtvBreakdown {
  const revenue = orders.revenueCents / 100;
  const observedMonths = orders.count === 0 ? 0 : Math.max(1, (orders.lastAt! - orders.firstAt!) / MONTH_MS);
  const S = orders.count === 0 ? 0 : revenue / orders.count;
  const C = orders.count === 0 ? 0 : orders.count / observedMonths;
  const t = settings.ltvMonths > 0 ? settings.ltvMonths : observedMonths;
  return {
    averageOrderValue: S,
    ordersPerMonth: C,
    margin: settings.ltvMargin,
    months: t,
    monthsSource: settings.ltvMonths > 0 ? 'setting' : 'observed',
    observedMonths,
    orders: orders.count,
    revenue,
    value: S * C * settings.ltvMargin * t,
  };
}

/** Every score of a profile at `now`, 0–100 with one decimal. */
export function scoresAt(p: ValueProfile, now: number, settings: ScoreSettings): Record<ScoreName, number> {
  const result = {} as Record<ScoreName, number>;
  for (const name of SCORE_NAMES) result[name] = scoreOf(sumAt(p.scores[name], now, halfLifeOf(name, settings)));
  return result;
}

/** Topic names are matched case-insensitively: stored trimmed and in lower case. */
export const normaliseTopic = (topic: string): string => topic.trim().toLowerCase().slice(0, 60);
