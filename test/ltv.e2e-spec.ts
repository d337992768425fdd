import { Clock } from '../src/common/clock';
import { EventLogFollower } from '../src/events/event-log.follower';
import { runRecomputeCli } from '../src/scores/recompute/recompute.cli';
import { simulateCustomers } from '../src/scores/ltv/bg-nbd.simulation';
import { createAudience } from './support/fixtures';
import { rows } from './support/kinds';
import { startTestApp, TestApp } from './support/test-app';

const DAY = 86_400_000;
// The model's month: 365.25 / 12 days.
const MONTH = (365.25 / 12) * DAY;
const D0 = Date.UTC(2025, 0, 6, 12);

// Predictive LTV through the real pipeline: purchases posted to the API, folded into profiles,
// explained at the injected clock's "now". The figures are worked by hand in the comments; with
// fewer than 30 customers the model uses its priors r = 1, α = 3, a = 1, b = 2 (docs/ltv.md).
describe('predictive LTV: BG/NBD t from the order history, shown beside the historical value', () => {
  let t: TestApp;
  let now = D0 + 3 * MONTH;
  const ids: Record<'W' | 'S' | 'N', number> = { W: 0, S: 0, N: 0 };
  let orderNo = 0;

  const buy = (subscriberId: number, amount: number, at: number) => t.api().post('/api/events/purchases').set('Idempotency-Key', `ltv-${++orderNo}`)
    .send({ subscriberId, orderId: `LTV-${orderNo}`, amount, currency: 'EUR', at: new Date(at).toISOString() }).expect(201);
  const caughtUp = () => t.app.get(EventLogFollower).catchUp('scores');
  const ltvOf = async (who: keyof typeof ids) => (await t.api().get(`/api/subscribers/${ids[who]}/value`).expect(200)).body.ltv;
  const profiles = () => rows(t, 'SELECT * FROM value_profiles ORDER BY subscriber_id');

  beforeAll(async () => {
    t = await startTestApp({ env: { LTV_MARGIN: '1', LTV_MONTHS: '0', LTV_CURRENCY: 'EUR' } });
    t.app.get(Clock).now = () => new Date(now);
    const audience = await createAudience(t, 3);
    [ids.W, ids.S, ids.N] = audience.subscriberIds;
    // W, the worked example: €40, €60, €50 a month apart; S: €30 monthly for four months; N: one order of €80, today.
    await buy(ids.W, 40, D0);
    await buy(ids.W, 60, D0 + MONTH);
    await buy(ids.W, 50, D0 + 2 * MONTH);
    for (let m = 0; m <= 3; m++) await buy(ids.S, 30, D0 + m * MONTH);
    await buy(ids.N, 80, now);
    await caughtUp();
  }, 120_000);
  afterAll(() => t.close());

  it('predicts the worked example of docs/ltv.md: 154.30 EUR ahead, beside 150 EUR of history', async () => {
    now = D0 + 3 * MONTH;
    const ltv = await ltvOf('W');
    // x = 2 repeat orders, tₓ = 2 months, T = 3 months. P(alive) = 1 / (1 + a/(b+x−1) × ((α+T)/(α+tₓ))^(r+x)) = 1 / (1 + 1/3 × (6/5)³) = 0.634518.
    // C = (r+x)/(α+T) = 3/6 = 0.5 orders a month; p = a/(a+b+x) = 1/5; μ = C × p = 0.1; an active customer's months within 36:
    // (1 − e^(−3.6)) / 0.1 = 9.726763; t = 0.634518 × 9.726763 = 6.171804. LTV = S × C × P × t = 50 × 0.5 × 1 × 6.171804 = 154.30.
    expect(ltv).toMatchObject({ value: 154.3, currency: 'EUR', formula: 'LTV = S × C × P × t', S: 50, C: 0.5, P: 1, tSource: 'model', orders: 3, revenue: 150 });
    expect(ltv.t).toBeCloseTo(6.171804, 5);
    // History: revenue × margin = 150 (what the old t = observed months gave as LTV).
    expect(ltv.historical).toEqual({ value: 150, formula: 'revenue × P', revenue: 150, margin: 1 });
    expect(ltv.model).toMatchObject({ name: 'BG/NBD (Fader, Hardie & Lee 2005)', x: 2, tx: 2, T: 3, pAlive: 0.6345, purchaseRate: 0.5, dropoutPerPurchase: 0.2, activeMonths: 9.7268, horizonMonths: 36 });
    expect(ltv.model.fit).toEqual({
      source: 'prior', r: 1, alpha: 3, a: 1, b: 2, customers: 3, customersWithOrders: 3, fittedAt: new Date(now).toISOString(), logLikelihood: null,
      reason: '3 customers with orders; a fit needs at least 30',
    });
    expect(ltv.model.assumptions.length).toBeGreaterThan(0);
    expect(ltv.explanation).toBe('3 orders so far bring 150.00 EUR after the 100% margin. After 1 month without an order, the chance they are still a customer is 63%. '
      + 'Customers like this order about 0.5 times a month and an active one stays about 9.7 more months (counting at most 36), '
      + 'so t = 0.6345 × 9.727 = 6.172 months: LTV = 50 × 0.5 × 1 × 6.172 = 154.30 EUR. '
      + 'The model uses its starting assumptions, not a fit (3 customers with orders; a fit needs at least 30).');
    expect(ltv.events.map((e: { amount: number; counted: boolean }) => [e.amount, e.counted])).toEqual([[40, true], [60, true], [50, true]]);
    // Segments and reports compare the stored, historical LTV.
    const [stored] = await rows<{ ltv: number }>(t, 'SELECT ltv FROM value_profiles WHERE subscriber_id = ?', [ids.W]);
    expect(Number(stored.ltv)).toBe(150);
  });

  it('lowers P(alive) and the predicted LTV of a customer who stopped buying as time passes; the history stays', async () => {
    // S: x = 3, tₓ = 3 months. P(alive) = 1 / (1 + 1/4 × ((3+T)/6)⁴); C = 4/(3+T); p = 1/6.
    const seen = [];
    for (const months of [3, 4, 10, 22]) {
      now = D0 + months * MONTH;
      seen.push(await ltvOf('S'));
    }
    // T = 3: 1 / (1 + 1/4) = 0.8; T = 4: 1 / (1 + 1/4 × (7/6)⁴) = 0.683454; T = 10: 1 / (1 + 1/4 × (13/6)⁴) = 0.153623; T = 22: 1 / (1 + 1/4 × (25/6)⁴) = 0.013097.
    expect(seen.map((l) => l.model.pAlive)).toEqual([0.8, 0.6835, 0.1536, 0.0131]);
    // T = 10: C = 4/13 = 0.307692, μ = 0.051282, (1 − e^(−1.846154)) / μ = 16.422060, t = 0.153623 × 16.422060 = 2.522802 → 30 × 0.307692 × 2.522802 = 23.29.
    // T = 4: C = 4/7, μ = 2/21, t = 0.683454 × 10.159451 = 6.943519 → 30 × 4/7 × 6.943519 = 119.03; T = 22: C = 0.16, t = 0.303090 → 1.45.
    expect(seen.slice(1).map((l) => l.value)).toEqual([119.03, 23.29, 1.45]);
    expect(seen.map((l) => l.historical.value)).toEqual([120, 120, 120, 120]);
    expect(seen[2].explanation).toContain('After 7 months without an order, the chance they are still a customer is 15%.');
  });

  it('gives a new customer P(alive) 1 and a prediction that shrinks while no second order comes', async () => {
    now = D0 + 3 * MONTH;
    const today = await ltvOf('N');
    // x = 0, T = 0: C = r/α = 1/3, p = 1/3, μ = 1/9, t = 9 × (1 − e^(−4)) = 8.835159 → 80 × 1/3 × 8.835159 = 235.60.
    expect(today).toMatchObject({ value: 235.6, S: 80, tSource: 'model', historical: { value: 80 } });
    expect(today.model).toMatchObject({ x: 0, tx: 0, T: 0, pAlive: 1 });
    expect(today.explanation).toContain('With one order there is no sign yet of them stopping, so they count as a customer.');
    now = D0 + 9 * MONTH;
    // T = 6: C = 1/9, μ = 1/27, t = 27 × (1 − e^(−4/3)) = 19.882877 → 80 × 1/9 × 19.882877 = 176.74.
    const later = await ltvOf('N');
    expect(later).toMatchObject({ value: 176.74, historical: { value: 80 } });
    expect(later.model.pAlive).toBe(1);
  });

  it('recomputes exactly what the incremental path stored: the prediction is made at read time', async () => {
    now = D0 + 3 * MONTH;
    const before = { profiles: await profiles(), ltv: await ltvOf('W') };
    const code = await runRecomputeCli((type) => t.app.get(type), { write: () => true }, { write: () => true });
    expect(code).toBe(0);
    expect({ profiles: await profiles(), ltv: await ltvOf('W') }).toEqual(before);
  });

  it('fits r, α, a, b over the customers once there are 30 with orders, and predicts from the fit', async () => {
    now = D0 + 24 * MONTH;
    // 40 more customers drawn from a BG/NBD population, their orders posted through the batch API.
    const population = simulateCustomers({ r: 0.8, alpha: 2, a: 0.6, b: 2.4 }, 40, [6, 24], 7);
    const audience = await createAudience(t, population.length);
    const items = population.flatMap((c, i) => {
      const first = now - c.T * MONTH;
      return Array.from({ length: c.x + 1 }, (_, k) => ({
        subscriberId: audience.subscriberIds[i], orderId: `POP-${i}-${k}`, amount: 20, currency: 'EUR',
        at: new Date(first + (c.x === 0 ? 0 : (k / c.x) * c.tx * MONTH)).toISOString(),
      }));
    });
    const batch = await t.api().post('/api/events/purchases/batch').set('Idempotency-Key', 'ltv-population').send({ items }).expect(200);
    expect(batch.body.failed).toBe(0);
    await caughtUp();

    const ltv = await ltvOf('W');
    expect(ltv.model.fit).toMatchObject({ source: 'fit', customers: 43, customersWithOrders: 43, reason: null });
    expect(ltv.model.fit.logLikelihood).toEqual(expect.any(Number));
    // The prediction follows from the published parameters: W is now 24 months old, silent for 22.
    const { r, alpha, a, b } = ltv.model.fit;
    const pAlive = 1 / (1 + (a / (b + 1)) * ((alpha + 24) / (alpha + 2)) ** (r + 2));
    expect(ltv.model).toMatchObject({ x: 2, tx: 2, T: 24 });
    expect(ltv.model.pAlive).toBeCloseTo(pAlive, 3);
    expect(ltv.C).toBeCloseTo((r + 2) / (alpha + 24), 3);
    expect(ltv.value).toBeCloseTo(50 * ltv.C * 1 * ltv.t, 1);
    expect(ltv.explanation).toContain('Fitted on 43 customers.');
  });
});
