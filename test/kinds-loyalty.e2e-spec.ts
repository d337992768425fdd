import { DataSource } from 'typeorm';
import { PointsLedger } from '../src/kinds/loyalty/points-ledger';
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

const loyalty = (bonusMode: 'at_send' | 'on_click') => ({
  headline: 'Your points are waiting',
  body: 'Spend them in any shop.',
  bonusPoints: 150,
  bonusMode,
  rewards: [{ points: 250, label: 'A free pot of tea' }],
});

describe('loyalty kind: points ledger, bonus at send or on click', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_TICK_MS: '200' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('credits an at-send bonus once per recipient and shows the balance in the mail', async () => {
    const audience = await createAudience(t, 3);
    await t
      .api()
      .post(`/api/subscribers/${audience.subscriberIds[0]}/points/adjust`)
      .send({ points: 1100, reason: 'Welcome gift' })
      .expect(200);
    const id = await sendKindCampaign(t, 'loyalty', loyalty('at_send'), audience.listId);
    expect(htmlFor(t, audience.emails[0])).toMatch(/1,250/);
    expect(htmlFor(t, audience.emails[1])).toMatch(/>\s*150\s*</);
    expect(await count(t, 'points_ledger', "campaign_id = ? AND entry_type = 'earn'", [id])).toBe(3);
    const points = (await t.api().get(`/api/subscribers/${audience.subscriberIds[0]}/points`).expect(200)).body;
    expect(points.balance).toBe(1250);
    expect(points.history.map((h: { type: string }) => h.type)).toEqual(['earn', 'adjust']);
    // The /l/ link of an at-send campaign only shows the balance.
    const [link] = linksIn(t, htmlFor(t, audience.emails[1]), 'l');
    if (link) await postForm(t, link).expect(200);
    expect(await count(t, 'points_ledger', 'campaign_id = ?', [id])).toBe(3);
    const report = (await t.api().get(`/api/campaigns/${id}/report/loyalty`).expect(200)).body;
    expect(report).toMatchObject({ sent: 3, bonusCredited: 3, pointsIssued: 450 });
  });

  it('credits an on-click bonus once, after the scanner rules have judged the click', async () => {
    const audience = await createAudience(t, 1);
    const id = await sendKindCampaign(t, 'loyalty', loyalty('on_click'), audience.listId);
    const [link] = linksIn(t, htmlFor(t, audience.emails[0]), 'l');
    const clock = holdClock(t);
    try {
      const shown = await t.http().get(link).expect(200);
      expect(shown.text).not.toContain('<script');
      expect(shown.text).toContain('150 bonus points added');
      expect(await count(t, 'points_ledger', 'campaign_id = ?', [id])).toBe(0);
      // The same link clicked again and again (impatience, a double click) is one act.
      await Promise.all(Array.from({ length: 4 }, () => t.http().get(link).expect(200)));
      await settleActs(t, clock);
    } finally {
      clock.release();
    }
    expect((await t.http().get(link).expect(200)).text).toContain('already');
    expect(await count(t, 'points_ledger', 'campaign_id = ?', [id])).toBe(1);
    expect(await count(t, 'events', "type = 'bonus_collected' AND campaign_id = ?", [id])).toBe(1);

    for (const path of [`/l/${forge(tokenOf(link))}`, '/l/garbage-token-1234']) {
      expect((await t.http().get(path).expect(404)).text).toContain('This link does not work');
      await postForm(t, path).expect(404);
    }
    expect(await count(t, 'points_ledger', 'campaign_id = ?', [id])).toBe(1);
  });

  it('redeems never below zero (409 with the balance), idempotently, and expires oldest points first', async () => {
    const audience = await createAudience(t, 1);
    const sid = audience.subscriberIds[0];
    await t
      .api()
      .post(`/api/subscribers/${sid}/points/adjust`)
      .send({ points: 250, reason: 'Purchase', idempotencyKey: 'p1' })
      .expect(200);
    await t
      .api()
      .post(`/api/subscribers/${sid}/points/adjust`)
      .send({ points: 250, reason: 'Purchase', idempotencyKey: 'p1' })
      .expect(200);
    const tooMuch = await t
      .api()
      .post(`/api/subscribers/${sid}/points/redeem`)
      .send({ points: 300, reason: 'Workshop' })
      .expect(409);
    expect(tooMuch.body).toMatchObject({ code: 'points_insufficient', details: { balance: 250, asked: 300 } });
    const race = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.api().post(`/api/subscribers/${sid}/points/redeem`).send({ points: 100, reason: 'Tea' }),
      ),
    );
    expect(race.filter((r) => r.status === 200)).toHaveLength(2);
    const replay = await t
      .api()
      .post(`/api/subscribers/${sid}/points/redeem`)
      .send({ points: 50, reason: 'Tea', idempotencyKey: 'r1' })
      .expect(200);
    expect(replay.body).toEqual({ balance: 0, replayed: false });
    expect(
      (
        await t
          .api()
          .post(`/api/subscribers/${sid}/points/redeem`)
          .send({ points: 50, reason: 'Tea', idempotencyKey: 'r1' })
          .expect(200)
      ).body,
    ).toEqual({ balance: 0, replayed: true });
    await t.api().get('/api/subscribers/999999/points').expect(404);

    // Expiry: 300 earned two years ago, 100 since spent, 80 earned last month → 200 expire.
    const other = (await createAudience(t, 1)).subscriberIds[0];
    const ledger = t.app.get(PointsLedger);
    const ds = t.app.get(DataSource);
    await ledger.earn({ subscriberId: other, points: 300, reason: 'old purchase', idempotencyKey: 'old' });
    await ds.query(
      ds.options.type === 'postgres'
        ? "UPDATE points_ledger SET created_at = now() - interval '2 years' WHERE idempotency_key = 'old'"
        : "UPDATE points_ledger SET created_at = datetime('now', '-2 years') WHERE idempotency_key = 'old'",
    );
    await ledger.earn({ subscriberId: other, points: 80, reason: 'new purchase' });
    await t.api().post(`/api/subscribers/${other}/points/redeem`).send({ points: 100, reason: 'Tea' }).expect(200);
    const expired = (await t.api().post('/api/loyalty/expire').send({ months: 12 }).expect(200)).body;
    expect(expired).toEqual({ subscribers: 1, points: 200 });
    expect((await t.api().post('/api/loyalty/expire').send({ months: 12 }).expect(200)).body).toEqual({
      subscribers: 0,
      points: 0,
    });
    expect((await t.api().get(`/api/subscribers/${other}/points`).expect(200)).body.balance).toBe(80);
    // Every ledger row has its event (earn, earn, redeem, expire), so value profiles can follow the balance from the log.
    const types = (
      await rows<{ type: string }>(
        t,
        "SELECT type FROM events WHERE subscriber_id = ? AND type LIKE 'points_%' ORDER BY id",
        [other],
      )
    ).map((r) => r.type);
    expect(types).toEqual(['points_earned', 'points_earned', 'points_redeemed', 'points_expired']);
    expect(await count(t, 'points_ledger', 'subscriber_id = ?', [other])).toBe(4);
  });
});
