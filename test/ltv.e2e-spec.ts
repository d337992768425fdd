import { readFileSync } from 'fs';
import { join } from 'path';
import { Clock } from '../src/common/clock';
import { EventLogFollower } from '../src/events/event-log.follower';
import { UsersService } from '../src/auth/users/users.service';
import { runRecomputeCli } from '../src/scores/recompute/recompute.cli';
import { launchBrowser, openApp, screenshot, signInThroughForm } from './support/browser';
import { createAudience } from './support/fixtures';
import { rows } from './support/kinds';
import { startTestApp, TestApp } from './support/test-app';

const MONTH = (365.25 / 12) * 86_400_000;

/** The worked example's table in docs/ltv.md: the figures this test must reproduce. */
function workedExampleTable(): Array<{
  customer: string;
  T: number;
  pAlive: number;
  t: number;
  C: number;
  ltv: number;
}> {
  const doc = readFileSync(join(__dirname, '..', 'docs', 'ltv.md'), 'utf8');
  const found = [
    ...doc.matchAll(
      /^\| (worked example|new customer) \| (\d+) \| ([\d.]+)% \| ([\d.]+) \| ([\d.]+) \| €([\d.]+) \|$/gm,
    ),
  ];
  return found.map((m) => ({
    customer: m[1],
    T: Number(m[2]),
    pAlive: Number(m[3]),
    t: Number(m[4]),
    C: Number(m[5]),
    ltv: Number(m[6]),
  }));
}

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

describe('predictive LTV: BG/NBD from the orders posted through the API, at the clock', () => {
  let t: TestApp;
  let frozen: number;
  let T0: number;
  let ids: number[];
  const table = workedExampleTable();

  const caughtUp = () => t.app.get(EventLogFollower).catchUp('scores');
  const valueOf = async (id: number) => (await t.api().get(`/api/subscribers/${id}/value`).expect(200)).body;
  const purchase = (subscriberId: number, orderId: string, amount: number, at?: number) =>
    t
      .api()
      .post('/api/events/purchases')
      .set('Idempotency-Key', orderId)
      .send({
        subscriberId,
        orderId,
        amount,
        currency: 'EUR',
        ...(at !== undefined ? { at: new Date(at).toISOString() } : {}),
      })
      .expect(201);
  const profiles = () => rows(t, 'SELECT * FROM value_profiles ORDER BY subscriber_id');

  beforeAll(async () => {
    t = await startTestApp({ env: { LTV_MARGIN: '1', LTV_MONTHS: '0', LTV_CURRENCY: 'EUR' } });
    T0 = Math.ceil((Date.now() + 3_600_000) / 60_000) * 60_000;
    frozen = T0;
    t.app.get(Clock).now = () => new Date(frozen);
    ids = (await createAudience(t, 42, { listName: 'Shop' })).subscriberIds;
  }, 120_000);
  afterAll(() => t.close());

  it('reads the worked example from docs/ltv.md', () => {
    expect(table.map((r) => [r.customer, r.T])).toEqual([
      ['worked example', 3],
      ['worked example', 6],
      ['worked example', 12],
      ['worked example', 24],
      ['new customer', 0],
    ]);
  });

  it('predicts the worked example (€40, €60, €50 a month apart) beside its history, and lowers it while the customer stays silent', async () => {
    const [first] = ids;
    // Each order posted when it happens: the clock moves a month between them.
    await purchase(first, 'W-1', 40);
    frozen = T0 + MONTH;
    await purchase(first, 'W-2', 60);
    frozen = T0 + 2 * MONTH;
    await purchase(first, 'W-3', 50);
    await caughtUp();

    const seen: Array<{ pAlive: number; value: number }> = [];
    for (const row of table.filter((r) => r.customer === 'worked example')) {
      frozen = T0 + row.T * MONTH;
      const { ltv, pendingEvents } = await valueOf(first);
      seen.push({ pAlive: ltv.model.pAlive, value: ltv.value });
      expect(pendingEvents).toBe(0);
      expect({
        T: row.T,
        pAlive: round(ltv.model.pAlive * 100, 1),
        t: round(ltv.t, 2),
        C: round(ltv.C, 3),
        ltv: ltv.value,
      }).toEqual({ T: row.T, pAlive: row.pAlive, t: row.t, C: row.C, ltv: row.ltv });
      // History does not move: €150 of revenue at margin 1, and that is what segments compare.
      expect(ltv).toMatchObject({
        historicalValue: 150,
        storedValue: 150,
        S: 50,
        P: 1,
        orders: 3,
        revenue: 150,
        tSource: 'model',
        cSource: 'model',
        currency: 'EUR',
        formula: 'LTV = S × C × P × t',
      });
      expect(ltv.model).toMatchObject({
        name: 'BG/NBD',
        x: 2,
        tx: 2,
        T: row.T,
        horizonMonths: 36,
        paramsSource: 'default',
        sampleSize: 1,
        params: { r: 0.243, a: 0.793, b: 2.426 },
      });
      expect(ltv.model.params.alpha).toBeCloseTo(4.414 / (365.25 / 12 / 7), 6);
      expect(ltv.model.note).toBe('1 customer with orders, fewer than the 30 needed to fit');
      expect(ltv.model.assumptions.length).toBeGreaterThan(0);
      expect(ltv.value).toBeCloseTo(ltv.S * ltv.C * ltv.P * ltv.t, 1);
    }
    // Silent since the third order: every step forward of the clock lowers both.
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i].pAlive).toBeLessThan(seen[i - 1].pAlive);
      expect(seen[i].value).toBeLessThan(seen[i - 1].value);
    }
    // The figures a marketer reads, in one sentence (here at T = 24).
    const { ltv } = await valueOf(first);
    expect(ltv.sentence).toContain('3 orders worth EUR 50.00 on average, the last 22.0 months ago');
    expect(ltv.sentence).toContain('still buying with a 3.6% chance');
    expect(ltv.sentence).toContain('Predicted LTV EUR 4.49, beside EUR 150.00 already earned.');
    expect(
      (
        await t
          .api()
          .post('/api/segments/preview')
          .send({ filter: { field: 'ltv', op: 'eq', value: 150 } })
          .expect(200)
      ).body.items.map((s: { id: number }) => s.id),
    ).toEqual([first]);
  });

  it('gives a new customer the full chance of being a customer, and nothing to someone without orders', async () => {
    const row = table.find((r) => r.customer === 'new customer')!;
    const newcomer = ids[1];
    await purchase(newcomer, 'N-1', 50);
    await caughtUp();
    const { ltv } = await valueOf(newcomer);
    expect({
      pAlive: round(ltv.model.pAlive * 100, 1),
      t: round(ltv.t, 2),
      C: round(ltv.C, 3),
      ltv: ltv.value,
    }).toEqual({ pAlive: row.pAlive, t: row.t, C: row.C, ltv: row.ltv });
    expect(ltv.model).toMatchObject({ x: 0, tx: 0, T: 0, sampleSize: 2 });
    expect(ltv).toMatchObject({ historicalValue: 50, storedValue: 50 });

    const nobody = (await valueOf(ids[2])).ltv;
    expect(nobody).toMatchObject({ value: 0, historicalValue: 0, orders: 0, model: null });
    expect(nobody.sentence).toBe('No orders yet: nothing to predict. The LTV is 0 until the first order.');
  });

  it('fits the model to the shop once it has enough customers, and shows the fitted parameters', async () => {
    // 40 more customers, orders in the past: some buy often and recently, some stopped long ago.
    const now = frozen;
    const items: object[] = [];
    ids.slice(2).forEach((id, i) => {
      const F = 6 + (i % 19);
      const x = i % 6;
      const gap = (F / (x + 1)) * (i % 2 === 0 ? 1 : 0.4);
      for (let k = 0; k <= x; k++)
        items.push({
          subscriberId: id,
          orderId: `F-${i}-${k}`,
          amount: 20 + 5 * k,
          currency: 'EUR',
          at: new Date(now - F * MONTH + k * gap * MONTH).toISOString(),
        });
    });
    const batch = (
      await t.api().post('/api/events/purchases/batch').set('Idempotency-Key', 'population').send({ items }).expect(200)
    ).body;
    expect(batch).toMatchObject({ recorded: items.length, failed: 0 });
    await caughtUp();

    const { ltv } = await valueOf(ids[0]);
    expect(ltv.model).toMatchObject({
      paramsSource: 'fit',
      sampleSize: 42,
      note: null,
      fittedAt: new Date(now).toISOString(),
    });
    const { r, alpha, a, b } = ltv.model.params as Record<string, number>;
    expect(r).not.toBeCloseTo(0.243, 2);
    expect(b).not.toBeCloseTo(2.426, 2);
    // P(alive) is the published closed form at the parameters shown.
    const { x, tx, T } = ltv.model;
    expect(ltv.model.pAlive).toBeCloseTo(1 / (1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x)), 4);
    expect(ltv.value).toBeCloseTo(ltv.S * ltv.C * ltv.P * ltv.t, 1);
    expect(ltv.sentence).toContain('BG/NBD fitted on 42 customers of this shop');
  });

  it('recomputes the stored profiles exactly as the live path stored them; the prediction is the same after', async () => {
    await caughtUp();
    const before = await profiles();
    const predicted = (await valueOf(ids[0])).ltv;
    expect(before).toHaveLength(42);
    expect(before.map((p) => Number(p.ltv)).slice(0, 2)).toEqual([150, 50]);
    const out: string[] = [];
    expect(
      await runRecomputeCli((type) => t.app.get(type), { write: () => true }, { write: (s: string) => out.push(s) }),
    ).toBe(0);
    expect(await profiles()).toEqual(before);
    expect((await valueOf(ids[0])).ltv).toEqual(predicted);
  });

  it('shows the prediction beside the history on the profile screen', async () => {
    const { ltv } = await valueOf(ids[0]);
    const euro = (value: number) =>
      new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(value);
    await t.app
      .get(UsersService)
      .create({ email: 'owner@shop.example', name: 'Owner', role: 'admin', password: 'correct horse battery staple' });
    const browser = await launchBrowser();
    try {
      const { page, errors } = await openApp(browser, t.baseUrl);
      await signInThroughForm(page, 'owner@shop.example', 'correct horse battery staple');
      await page.goto(`/audience/subscribers/${ids[0]}`);
      await page
        .getByTestId('ltv')
        .filter({ hasText: euro(ltv.value) })
        .waitFor();
      expect(await page.getByTestId('ltv-history').textContent()).toBe('€150.00');
      expect(await page.getByTestId('ltv-palive').textContent()).toBe(
        `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(ltv.model.pAlive * 100)}%`,
      );
      const model = (await page.getByTestId('ltv-model').textContent()) ?? '';
      expect(model).toContain('x 2 repeat orders');
      expect(model).toContain('fitted on 42 customers of this shop');
      await screenshot(page, 'ltv-profile');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
