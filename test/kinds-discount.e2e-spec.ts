import { DataSource } from 'typeorm';
import { EventWriter } from '../src/events/event-writer';
import { createAudience } from './support/fixtures';
import {
  count,
  forge,
  holdClock,
  htmlFor,
  linksIn,
  postForm,
  rows,
  sendKindCampaign,
  settleActs,
  tokenOf,
} from './support/kinds';
import { startTestApp, TestApp } from './support/test-app';

const day = 86_400_000;
const percentOff = (extra: Record<string, unknown> = {}) => ({
  offerType: 'percent',
  value: 20,
  currency: 'EUR',
  codeMode: 'unique',
  codePattern: 'SPR-XXXX-XXXX',
  validFrom: new Date(Date.now() - day).toISOString(),
  validUntil: new Date(Date.now() + day).toISOString(),
  minOrder: 50,
  headline: 'Spring sale',
  body: 'Twenty percent off.',
  ...extra,
});

describe('discount kind: coupon codes and trials', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_TICK_MS: '200' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('assigns a unique code per recipient at fan-out, shows it in the mail and redeems it once', async () => {
    const audience = await createAudience(t, 6);
    const id = await sendKindCampaign(t, 'discount', percentOff(), audience.listId);
    const codes = audience.emails.map((email) => /SPR-[A-Z2-9]{4}-[A-Z2-9]{4}/.exec(htmlFor(t, email))?.[0]);
    expect(codes.every(Boolean)).toBe(true);
    expect(new Set(codes).size).toBe(6);
    const stored = await rows<{ subscriber_id: number; code: string }>(
      t,
      'SELECT subscriber_id, code FROM coupons WHERE campaign_id = ? ORDER BY subscriber_id',
      [id],
    );
    expect(stored.map((s) => s.code)).toEqual(codes);
    const [delivery] = await rows<{ kind_data: string }>(
      t,
      'SELECT kind_data FROM deliveries WHERE campaign_id = ? AND subscriber_id = ?',
      [id, audience.subscriberIds[0]],
    );
    expect(JSON.parse(delivery.kind_data)).toEqual({ couponCode: codes[0] });

    const redeem = (code: string, orderId: string, amount: number) =>
      t.api().post('/api/coupons/redeem').send({ code, orderId, amount });
    expect((await redeem('NOPE-1234', 'o-0', 80).expect(422)).body.code).toBe('coupon_unknown');
    expect((await redeem(codes[0]!, 'o-1', 20).expect(422)).body).toMatchObject({ code: 'coupon_min_order' });
    const race = await Promise.all(Array.from({ length: 10 }, (_, i) => redeem(codes[0]!.toLowerCase(), `o-${i}`, 80)));
    expect(race.filter((r) => r.status === 200)).toHaveLength(1);
    expect(race.filter((r) => r.status === 409).every((r) => r.body.code === 'coupon_redeemed')).toBe(true);
    expect(race.filter((r) => r.status === 409)).toHaveLength(9);
    const winner = race.find((r) => r.status === 200)!.body.orderId;

    await t.api().post(`/api/coupons/${codes[0]}/rollback`).send({ orderId: 'other' }).expect(409);
    await t.api().post(`/api/coupons/${codes[0]}/rollback`).send({ orderId: winner }).expect(200);
    await redeem(codes[0]!, 'o-again', 99.5).expect(200);
    await redeem(codes[1]!, 'o-b', 60).expect(200);

    await t.app
      .get(DataSource)
      .query(
        t.app.get(DataSource).options.type === 'postgres'
          ? 'UPDATE subscribers SET erased_at = now() WHERE id = $1'
          : "UPDATE subscribers SET erased_at = '2026-01-01 00:00:00' WHERE id = ?",
        [audience.subscriberIds[2]],
      );
    expect((await redeem(codes[2]!, 'o-c', 60).expect(422)).body.code).toBe('coupon_subscriber_erased');

    expect(await count(t, 'events', "type = 'coupon_redeemed' AND campaign_id = ?", [id])).toBe(3);
    const report = (await t.api().get(`/api/campaigns/${id}/report/discount`).expect(200)).body;
    expect(report).toMatchObject({
      sent: 6,
      codesIssued: 6,
      redemptions: 2,
      redemptionRate: 0.3333,
      revenue: 159.5,
      rolledBack: 1,
    });
  });

  it('shares one code across orders, refuses expired codes and a pattern too small for the audience', async () => {
    const a = await createAudience(t, 2);
    await sendKindCampaign(
      t,
      'discount',
      percentOff({ codeMode: 'shared', sharedCode: 'SPRING20', codePattern: undefined }),
      a.listId,
    );
    expect(htmlFor(t, a.emails[0])).toContain('SPRING20');
    await t.api().post('/api/coupons/redeem').send({ code: 'spring20', orderId: 'x1', amount: 70 }).expect(200);
    await t.api().post('/api/coupons/redeem').send({ code: 'SPRING20', orderId: 'x2', amount: 70 }).expect(200);
    await t.api().post('/api/coupons/redeem').send({ code: 'SPRING20', orderId: 'x2', amount: 70 }).expect(409);

    const b = await createAudience(t, 1);
    await sendKindCampaign(
      t,
      'discount',
      percentOff({
        codeMode: 'shared',
        sharedCode: 'OLD10',
        codePattern: undefined,
        validUntil: new Date(Date.now() - 1000).toISOString(),
        validFrom: undefined,
      }),
      b.listId,
    );
    expect(
      (await t.api().post('/api/coupons/redeem').send({ code: 'OLD10', orderId: 'y', amount: 70 }).expect(422)).body
        .code,
    ).toBe('coupon_expired');

    const big = await createAudience(t, 1000);
    const created = await t
      .api()
      .post('/api/campaigns')
      .send({
        kind: 'discount',
        name: 'too small',
        subject: 's',
        fromName: 'Shop',
        fromEmail: 'news@shop.example',
        audience: { listIds: [big.listId] },
        content: percentOff({ codePattern: 'AB-XXXX' }),
      })
      .expect(201);
    const refused = await t.api().post(`/api/campaigns/${created.body.id}/send`).expect(422);
    expect(refused.body).toMatchObject({ code: 'code_capacity', details: { capacity: 31 ** 4, audience: 1000 } });
    expect((await t.api().get(`/api/campaigns/${created.body.id}`).expect(200)).body.status).toBe('draft');
  });

  it('starts a trial from the signed link and reports trial→paid conversion beside the 20% benchmark', async () => {
    const audience = await createAudience(t, 3);
    const id = await sendKindCampaign(
      t,
      'discount',
      {
        offerType: 'trial',
        trialPlan: 'Pro',
        trialDays: 14,
        codeMode: 'shared',
        sharedCode: 'TRIALPRO',
        headline: 'Try Pro',
        body: 'Free for two weeks.',
      },
      audience.listId,
    );
    const [link] = linksIn(t, htmlFor(t, audience.emails[0]), 't');
    const clock = holdClock(t);
    let paidAt: number;
    try {
      const started = await t.http().get(link).expect(200);
      expect(started.text).not.toContain('<script');
      expect(started.text).toContain('Your trial has started');
      expect(await count(t, 'trials')).toBe(0);
      await t
        .http()
        .get(linksIn(t, htmlFor(t, audience.emails[1]), 't')[0])
        .expect(200);
      await settleActs(t, clock);
      paidAt = clock.now() + 1000;
    } finally {
      clock.release();
    }
    expect((await t.http().get(link).expect(200)).text).toContain('Your trial is running');
    expect(await count(t, 'trials', 'campaign_id = ?', [id])).toBe(2);
    const [trial] = await rows<{ plan: string; started_at: string; ends_at: string }>(
      t,
      'SELECT plan, started_at, ends_at FROM trials WHERE subscriber_id = ?',
      [audience.subscriberIds[0]],
    );
    expect(trial.plan).toBe('Pro');
    expect(new Date(trial.ends_at).getTime() - new Date(trial.started_at).getTime()).toBe(14 * day);
    expect(await count(t, 'events', "type = 'trial_started' AND campaign_id = ?", [id])).toBe(2);

    // What the tracking API will write when the customer pays.
    await t.app.get(EventWriter).record({
      type: 'conversion',
      subscriberId: audience.subscriberIds[0],
      campaignId: id,
      occurredAt: new Date(paidAt),
      data: { plan: 'Pro' },
    });
    const report = (await t.api().get(`/api/campaigns/${id}/report/discount`).expect(200)).body;
    expect(report).toMatchObject({ trialStarts: 2, conversions: 1, trialToPaidRate: 0.5, trialToPaidBenchmark: 0.2 });

    for (const path of [`/t/${forge(tokenOf(link))}`, '/t/garbage-token-12345']) {
      expect((await t.http().get(path).expect(404)).text).toContain('This link does not work');
      await postForm(t, path).expect(404);
    }
    expect(await count(t, 'trials')).toBe(2);
  });
});
