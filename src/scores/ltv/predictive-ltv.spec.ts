import type { ScoreSettings } from '../../config/app-config';
import { MONTH_MS } from '../profile/value-profile';
import { PRIOR_PARAMS } from './bg-nbd';
import { predictLtv, purchaseHistoryOf } from './predictive-ltv';

const settings: ScoreSettings = { halfLifeDays: 90, engagementHalfLifeDays: 30, interestHalfLifeDays: 30, ltvMargin: 1, ltvMonths: 0, ltvCurrency: 'EUR' };
const model = { horizonMonths: 36, minCustomers: 30 };
const priors = { params: { ...PRIOR_PARAMS }, source: 'prior' as const, customers: 1, logLikelihood: null, reason: 'too few' };
const D0 = Date.UTC(2025, 0, 1);
// The worked example: €40, €60, €50 a month apart, seen a month after the last order.
const orders = { count: 3, revenueCents: 15_000, firstAt: D0, lastAt: D0 + 2 * MONTH_MS };
const now = D0 + 3 * MONTH_MS;

describe('predictLtv', () => {
  it('reads frequency, recency and age in months from the order aggregates', () => {
    expect(purchaseHistoryOf(orders, now)).toEqual({ x: 2, tx: 2, T: 3 });
    expect(purchaseHistoryOf({ count: 0, revenueCents: 0, firstAt: null, lastAt: null }, now)).toBeNull();
    // An order dated after now: the customer is no younger than their last order.
    expect(purchaseHistoryOf({ count: 2, revenueCents: 100, firstAt: D0, lastAt: D0 + MONTH_MS }, D0)).toEqual({ x: 1, tx: 1, T: 1 });
  });

  it('predicts the worked example: S 50 × C 0.5 × P 1 × t 6.171804 = 154.30, beside the historical 150', () => {
    const q = predictLtv(orders, now, priors, settings, model);
    expect(q).toMatchObject({ S: 50, P: 1, tSource: 'model', historical: 150 });
    expect(q.C).toBeCloseTo(0.5, 12);
    expect(q.t).toBeCloseTo(6.171804, 5);
    expect(q.value).toBeCloseTo(154.2951, 3);
    // The margin scales both.
    const half = predictLtv(orders, now, priors, { ...settings, ltvMargin: 0.5 }, model);
    expect(half.historical).toBe(75);
    expect(half.value).toBeCloseTo(77.1475, 3);
  });

  it('keeps LTV_MONTHS as an explicit t with the observed order rate (the stored LTV)', () => {
    // Three orders over two observed months: C = 1.5, t = 24 → 50 × 1.5 × 1 × 24 = 1800.
    const q = predictLtv(orders, now, priors, { ...settings, ltvMonths: 24 }, model);
    expect(q).toMatchObject({ value: 1800, C: 1.5, t: 24, tSource: 'setting', historical: 150 });
    expect(q.lifetime!.pAlive).toBeCloseTo(0.634518, 6);
  });

  it('predicts nothing without orders', () => {
    expect(predictLtv({ count: 0, revenueCents: 0, firstAt: null, lastAt: null }, now, priors, settings, model)).toMatchObject({ value: 0, C: 0, t: 0, historical: 0, history: null, lifetime: null });
  });
});
