import type { ScoreSettings } from '../../config/app-config';
import { MONTH_MS } from '../profile/value-profile';
import { DEFAULT_PARAMS } from './bg-nbd';
import { ltvSentence, PopulationModel, predictLtv } from './predict-ltv';

const scores: ScoreSettings = {
  halfLifeDays: 90,
  engagementHalfLifeDays: 30,
  interestHalfLifeDays: 30,
  ltvMargin: 1,
  ltvMonths: 0,
  ltvCurrency: 'EUR',
};
const population: PopulationModel = {
  params: DEFAULT_PARAMS,
  source: 'default',
  sampleSize: 1,
  customers: 1,
  fittedAt: 0,
  logLikelihood: null,
  note: '1 customer with orders, fewer than the 30 needed to fit',
};
const T0 = Date.UTC(2026, 0, 1);
// €40, €60, €50 a month apart.
const orders = { count: 3, revenueCents: 15000, firstAt: T0, lastAt: T0 + 2 * MONTH_MS };

describe('predicted LTV', () => {
  it('turns history (€150) into a prediction: S × C × P × t with t and C from the model (reference values: scipy)', () => {
    const p = predictLtv(orders, T0 + 3 * MONTH_MS, population, scores, { horizonMonths: 36, minCustomers: 30 });
    expect(p.historicalValue).toBe(150);
    expect(p.storedValue).toBe(150);
    expect(p.model).toMatchObject({ x: 2, tx: 2, T: 3, paramsSource: 'default' });
    expect(p.model!.pAlive).toBeCloseTo(0.6944210017087712, 10);
    expect(p.t).toBeCloseTo(12.807232481080398, 5);
    expect(p.C).toBeCloseTo(0.465626624296541, 5);
    expect(p.value).toBeCloseTo(50 * 5.963388426746549, 4);
    expect(p.value).toBeCloseTo(p.S * p.C * p.P * p.t, 10);
    expect(p).toMatchObject({ tSource: 'model', cSource: 'model', S: 50, P: 1 });
    expect(ltvSentence(p, 'EUR')).toBe(
      '3 orders worth EUR 50.00 on average, the last 1.0 month ago. Customers with this pattern are still buying with a 69.4% chance; over the next 36 months ' +
        'we expect 6.0 more orders over 12.8 months as a customer (BG/NBD with the published CDNOW retail parameters: 1 customer with orders, fewer than the 30 needed to fit). ' +
        'Predicted LTV EUR 298.17, beside EUR 150.00 already earned.',
    );
  });

  it('keeps LTV_MONTHS as an explicit override of t (and shows the model beside it)', () => {
    const p = predictLtv(
      orders,
      T0 + 3 * MONTH_MS,
      population,
      { ...scores, ltvMonths: 24, ltvMargin: 0.5 },
      { horizonMonths: 36, minCustomers: 30 },
    );
    // S 50 × C 1.5 (3 orders over 2 observed months) × P 0.5 × t 24.
    expect(p).toMatchObject({
      value: 900,
      t: 24,
      tSource: 'setting',
      C: 1.5,
      cSource: 'observed',
      historicalValue: 75,
    });
    expect(p.model!.pAlive).toBeCloseTo(0.69442, 5);
  });

  it('predicts nothing without orders, and less the shorter the horizon', () => {
    expect(
      predictLtv({ count: 0, revenueCents: 0, firstAt: null, lastAt: null }, T0, population, scores, {
        horizonMonths: 36,
        minCustomers: 30,
      }),
    ).toMatchObject({ value: 0, t: 0, model: null });
    const short = predictLtv(orders, T0 + 3 * MONTH_MS, population, scores, { horizonMonths: 12, minCustomers: 30 });
    expect(short.t).toBeLessThan(12);
    expect(short.value).toBeLessThan(298);
  });
});
