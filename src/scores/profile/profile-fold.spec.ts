import type { ScoreSettings } from '../../config/app-config';
import type { EventType } from '../../events/event-types';
import type { ScoreClassChange } from '../score-class-change.hooks';
import { knowledgeSample } from '../../kinds/knowledge/knowledge.content';
import { CampaignFacts, FoldEvent, foldEvent } from './profile-fold';
import { profileFromRow, profileToRow, PROFILE_COLUMNS, readMillis } from './profile-row';
import { anchorBound, anchorOf, emptyProfile, ltvOf, MONTH_MS, scoresAt, sumAt, ValueProfile } from './value-profile';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1, 12);
const settings: ScoreSettings = {
  halfLifeDays: 90,
  engagementHalfLifeDays: 30,
  interestHalfLifeDays: 30,
  ltvMargin: 0.5,
  ltvMonths: 0,
  ltvCurrency: 'EUR',
};
const discount: CampaignFacts = { kind: 'discount', weights: { economic: 1 }, itemOf: () => undefined };
const poll: CampaignFacts = { kind: 'poll', weights: { emotional: 1 }, itemOf: () => undefined };
const contest: CampaignFacts = { kind: 'contest', weights: { emotional: 1, symbolic: 0.5 }, itemOf: () => undefined };
const knowledge: CampaignFacts = {
  kind: 'knowledge',
  weights: { functional: 1 },
  itemOf: (data) =>
    data.index === 0
      ? { topic: ' Brewing ', title: knowledgeSample.items[0].title }
      : data.index === 1
        ? { topic: 'pairing', title: 'Pairing' }
        : undefined,
};

let nextId = 1;
const event = (
  type: EventType,
  at: number,
  data: Record<string, unknown> = {},
  campaignId: number | null = 1,
): FoldEvent => ({ id: nextId++, type, campaignId, occurredAt: at, data });

function fold(
  events: Array<[FoldEvent, CampaignFacts | undefined]>,
  s = settings,
): { profile: ValueProfile; changes: ScoreClassChange[] } {
  const profile = emptyProfile(7);
  const changes: ScoreClassChange[] = [];
  for (const [e, c] of events) foldEvent(profile, e, c, s, changes);
  return { profile, changes };
}

describe('the value profile fold', () => {
  it('counts a repeat once: a second open and a changed answer add nothing, the changed answer is the NPS', () => {
    const answer = (value: number, at: number, repeat: boolean) => ({
      ...event('poll_answered', at, { value, pollType: 'nps' }),
      repeat,
    });
    const { profile, changes } = fold([
      [event('open', T0), poll],
      [{ ...event('open', T0 + 1000), repeat: true }, poll],
      [answer(9, T0 + 2000, false), poll],
      [answer(3, T0 + 60_000, true), poll],
    ]);
    // Engagement: open 1 + answer 5 (decay over a minute is below the fourth decimal); emotional the same.
    expect(profile.scores.engagement.sum).toBeCloseTo(6, 4);
    expect(profile.scores.emotional.sum).toBeCloseTo(6, 4);
    expect(profile.interactions).toBe(2);
    expect(profile.nps).toMatchObject({ score: 3 });
    expect(changes.filter((c) => c.score === 'nps').map((c) => `${c.from}→${c.to}`)).toEqual([
      'null→promoter',
      'promoter→detractor',
    ]);
  });

  it('adds strength × kind weight per dimension and opens, clicks and acts to engagement, decayed by their half-lives', () => {
    const { profile } = fold([
      [event('open', T0), discount],
      [event('click', T0), discount],
      [event('contest_entered', T0), contest],
    ]);
    // Engagement 1 + 3 + 5 = 9; economic (discount 1): 1 + 3 = 4; emotional (contest 1): 5; symbolic (contest 0.5): 2.5.
    expect(profile.scores.engagement).toEqual({ sum: 9, at: T0 });
    expect(profile.scores.economic).toEqual({ sum: 4, at: T0 });
    expect(profile.scores.emotional).toEqual({ sum: 5, at: T0 });
    expect(profile.scores.symbolic).toEqual({ sum: 2.5, at: T0 });
    expect(profile.scores.functional).toEqual({ sum: 0, at: null });
    expect(profile.interactions).toBe(3);
    // 30 days on, engagement (half-life 30) is 4.5 → 100·(1 − 2^−0.45) = 26.8; with half-life 90 each sum is × 2^(−1/3) = 0.7937:
    // economic 3.1748 → 19.8, emotional 3.9685 → 24.0, symbolic 1.9843 → 12.8.
    expect(scoresAt(profile, T0 + 30 * DAY, settings)).toEqual({
      engagement: 26.8,
      functional: 0,
      economic: 19.8,
      emotional: 24,
      symbolic: 12.8,
    });
  });

  it('gives the same sum whatever order the events arrive in (a back-dated conversion decays to the newest event)', () => {
    const late = fold([
      [event('poll_answered', T0 + 90 * DAY, { pollType: 'choice', value: '1' }), poll],
      [event('poll_answered', T0, { pollType: 'choice', value: '0' }), poll],
    ]);
    const inOrder = fold([
      [event('poll_answered', T0, { pollType: 'choice', value: '0' }), poll],
      [event('poll_answered', T0 + 90 * DAY, { pollType: 'choice', value: '1' }), poll],
    ]);
    // 5 + 5 · 2^(−90/90) = 7.5 at T0 + 90 days, both ways.
    expect(late.profile.scores.emotional).toEqual({ sum: 7.5, at: T0 + 90 * DAY });
    expect(inOrder.profile.scores.emotional).toEqual({ sum: 7.5, at: T0 + 90 * DAY });
  });

  it('keeps the latest NPS and CSAT answer by time and announces NPS class changes', () => {
    const { profile, changes } = fold([
      [event('poll_answered', T0, { pollType: 'nps', value: '8' }), poll],
      [event('poll_answered', T0 + DAY, { pollType: 'nps', value: '3' }), poll],
      [event('poll_answered', T0 - DAY, { pollType: 'nps', value: '10' }), poll],
      [event('poll_answered', T0, { pollType: 'csat', value: '4' }), poll],
      [event('poll_answered', T0, { pollType: 'yesno', value: 'yes' }), poll],
    ]);
    expect(profile.nps).toEqual({ score: 3, at: T0 + DAY, campaignId: 1 });
    expect(profile.csat).toEqual({ score: 4, at: T0, campaignId: 1 });
    expect(changes.filter((c) => c.score === 'nps').map((c) => [c.from, c.to])).toEqual([
      [null, 'passive'],
      ['passive', 'detractor'],
    ]);
    // Every answer is an interaction: 5 answers × 5 × poll's emotional weight 1, decayed to T0 + 1 day.
    expect(profile.interactions).toBe(5);
  });

  it('computes LTV = S × C × P × t from orders in the LTV currency only', () => {
    const { profile } = fold([
      [event('purchase', T0, { amount: 100, currency: 'EUR', orderId: 'a' }), undefined],
      [event('purchase', T0 + MONTH_MS, { amount: 999, currency: 'USD', orderId: 'b' }), undefined],
      [event('conversion', T0 + 3 * MONTH_MS, { amount: 50.1, currency: 'EUR', plan: 'pro' }), discount],
    ]);
    expect(profile.orders).toEqual({ count: 2, revenueCents: 15010, firstAt: T0, lastAt: T0 + 3 * MONTH_MS });
    // S = 75.05, C = 2 / 3 months, P = 0.5, t = 3 observed months → 75.05.
    const observed = ltvOf(profile.orders, settings);
    expect(observed).toMatchObject({
      averageOrderValue: 75.05,
      margin: 0.5,
      monthsSource: 'observed',
      orders: 2,
      revenue: 150.1,
    });
    expect(observed.ordersPerMonth).toBeCloseTo(2 / 3, 12);
    expect(observed.months).toBeCloseTo(3, 12);
    expect(observed.value).toBeCloseTo(75.05, 10);
    // With t = 24 months as a setting: 75.05 × 2/3 × 0.5 × 24 = 600.4.
    expect(ltvOf(profile.orders, { ...settings, ltvMonths: 24 }).value).toBeCloseTo(600.4, 10);
    // One order is a one-month relationship: S × 1 × P × 1.
    expect(ltvOf({ count: 1, revenueCents: 4000, firstAt: T0, lastAt: T0 }, settings).value).toBe(20);
    expect(profile.trial.status).toBe('converted');
  });

  it('moves the trial status forward only and announces each step', () => {
    const { profile, changes } = fold([
      [event('trial_started', T0), discount],
      [event('trial_started', T0 + DAY), discount],
      [event('conversion', T0 + 20 * DAY, { amount: 10, currency: 'EUR', plan: 'pro' }), discount],
      [event('trial_started', T0 + 40 * DAY), discount],
    ]);
    expect(profile.trial).toEqual({ status: 'converted', at: T0 + 20 * DAY });
    expect(changes.filter((c) => c.score === 'trial').map((c) => [c.from, c.to])).toEqual([
      ['none', 'started'],
      ['started', 'converted'],
    ]);
  });

  it('keeps the loyalty balance from the ledger events', () => {
    const { profile } = fold([
      [event('points_earned', T0, { points: 150 }), undefined],
      [event('points_redeemed', T0, { points: 100 }), undefined],
      [event('points_adjusted', T0, { points: -20 }), undefined],
      [event('points_adjusted', T0, { points: 5 }), undefined],
      [event('points_expired', T0, { points: 10 }), undefined],
    ]);
    expect(profile.loyaltyBalance).toBe(25);
  });

  it('learns topic interests from knowledge clicks, case-insensitively', () => {
    const { profile } = fold([
      [event('click', T0, { index: 0 }), knowledge],
      [event('click', T0 + 30 * DAY, { index: 0 }), knowledge],
      [event('click', T0, { index: 1 }), knowledge],
      [event('click', T0, { index: 5 }), knowledge],
      [event('click', T0, { index: 0 }), discount],
    ]);
    // brewing: 1 · 2^(−30/30) + 1 = 1.5 at T0 + 30 days.
    expect(Object.fromEntries(profile.interests)).toEqual({
      brewing: { sum: 1.5, at: T0 + 30 * DAY, clicks: 2, lastClickAt: T0 + 30 * DAY },
      pairing: { sum: 1, at: T0, clicks: 1, lastClickAt: T0 },
    });
  });

  it('announces an engagement tier change when an event crosses a tier', () => {
    const { changes } = fold([
      [event('open', T0), discount],
      [event('click', T0), discount],
    ]);
    // 1 → 6.7 (cold); 4 → 24.2 (warm).
    expect(changes.map((c) => [c.score, c.from, c.to])).toEqual([['engagement', 'cold', 'warm']]);
  });

  it('stores and reloads a profile without losing a bit', () => {
    const { profile } = fold([
      [event('open', T0 + 123), discount],
      [event('click', T0 + 7 * DAY + 5), knowledge],
      [event('poll_answered', T0, { pollType: 'nps', value: '9' }), poll],
      [event('purchase', T0, { amount: 12.34, currency: 'EUR' }), undefined],
      [event('trial_started', T0), discount],
    ]);
    for (const postgres of [false, true]) {
      const values = profileToRow(profile, settings, postgres);
      const row = Object.fromEntries(PROFILE_COLUMNS.map((c, i) => [c, values[i]]));
      const back = profileFromRow(row);
      back.interests = profile.interests;
      expect(back).toEqual(profile);
      expect(row.nps_class).toBe('promoter');
      expect(row.ltv).toBeCloseTo(6.17, 10);
    }
    expect(readMillis('2026-01-01 12:00:00.123')).toBe(T0 + 123);
    expect(readMillis(new Date(T0))).toBe(T0);
  });

  it('compares sums at now through the anchor: log2(S) + T/h ≥ log2(X) + now/h ⟺ S decayed to now ≥ X', () => {
    const d = { sum: 8, at: T0 };
    const anchor = anchorOf(d, 90)!;
    for (const days of [0, 10, 90, 200]) {
      const now = T0 + days * DAY;
      for (const x of [0.5, 1, 2, 4, 7.99, 8.01])
        expect(anchor >= anchorBound(x, now, 90)).toBe(sumAt(d, now, 90) >= x);
    }
    expect(anchorOf({ sum: 0, at: null }, 90)).toBeNull();
  });
});
