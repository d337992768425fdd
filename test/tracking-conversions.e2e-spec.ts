import request from 'supertest';
import { DataSource } from 'typeorm';
import { sampleContent } from '../src/kinds/kind-content.registry';
import { UA } from '../src/tracking/machine-classifier.fixtures';
import { createAudience, waitUntil } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

describe('conversions, purchases and the event read APIs', () => {
  let t: TestApp;
  let ds: DataSource;
  let subscriberIds: number[];
  let emails: string[];
  const campaigns: number[] = [];

  const q = (text: string, params: unknown[] = []) => {
    let n = 0;
    return ds.query(ds.options.type === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text, params);
  };
  const count = async (where: string, params: unknown[]) =>
    Number((await q(`SELECT COUNT(*) AS n FROM events WHERE ${where}`, params))[0].n);
  const linkOf = (campaignId: number, email: string, index: number) => {
    const mail = t.sink.to(email).find((m) => m.parsed.subject === `Campaign ${campaigns.indexOf(campaignId)}`)!;
    const links = [
      ...String(mail.parsed.html).matchAll(/href="http:\/\/127\.0\.0\.1:\d+(\/r\/[A-Za-z0-9_-]+\/\d+)"/g),
    ].map((m) => m[1]);
    return links[index];
  };
  const click = async (campaignId: number, subscriber: number, ua = UA.chrome) => {
    await q('UPDATE deliveries SET sent_at = ? WHERE campaign_id = ?', [
      ds.options.type === 'postgres'
        ? new Date(Date.now() - 3_600_000)
        : new Date(Date.now() - 3_600_000).toISOString().replace('T', ' ').replace('Z', ''),
      campaignId,
    ]);
    const before = await count('campaign_id = ? AND subscriber_id = ? AND type = ?', [
      campaignId,
      subscriberIds[subscriber],
      'click',
    ]);
    await t
      .http()
      .get(linkOf(campaignId, emails[subscriber], 0))
      .set('User-Agent', ua)
      .expect(302);
    await waitUntil(
      () =>
        count('campaign_id = ? AND subscriber_id = ? AND type = ?', [campaignId, subscriberIds[subscriber], 'click']),
      (n) => n > before,
      15_000,
      'the click',
    );
  };
  const post = (path: string, key: string | undefined, body: unknown) => {
    const call = t
      .api()
      .post(path)
      .send(body as object);
    return key === undefined ? call : call.set('Idempotency-Key', key);
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_TICK_MS: '200' } });
    ds = t.app.get(DataSource);
    const audience = await createAudience(t, 4);
    subscriberIds = audience.subscriberIds;
    emails = audience.emails;
    for (let i = 0; i < 2; i++) {
      const created = await t
        .api()
        .post('/api/campaigns')
        .send({
          kind: 'knowledge',
          name: `Campaign ${i}`,
          subject: `Campaign ${i}`,
          fromEmail: 'news@shop.example',
          audience: { listIds: [audience.listId] },
          content: sampleContent('knowledge'),
        })
        .expect(201);
      campaigns.push(created.body.id);
      await t.api().post(`/api/campaigns/${created.body.id}/send`).expect(200);
      await waitUntil(
        () =>
          t
            .api()
            .get(`/api/campaigns/${created.body.id}/progress`)
            .then((r) => r.body),
        (p) => p.status === 'finished',
        60_000,
        'campaign to finish',
      );
    }
    // Subscriber 0 clicks campaign 0, then campaign 1: campaign 1 was acted on last.
    await click(campaigns[0], 0);
    await click(campaigns[1], 0);
    await click(campaigns[0], 1);
    // Subscriber 2 only has a scanner click; subscriber 3 a click that is too old.
    await click(campaigns[1], 2, UA.proofpoint);
    await click(campaigns[1], 3);
    const old = new Date(Date.now() - 8 * 86_400_000);
    await q('UPDATE events SET occurred_at = ? WHERE subscriber_id = ? AND type = ?', [
      ds.options.type === 'postgres' ? old : old.toISOString().replace('T', ' ').replace('Z', ''),
      subscriberIds[3],
      'click',
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('POST /api/events/conversions', () => {
    const body = () => ({ subscriberId: subscriberIds[0], plan: 'pro-yearly', amount: 99.5, currency: 'EUR' });

    it('records a conversion credited to the campaign acted on last, once per Idempotency-Key', async () => {
      const first = await post('/api/events/conversions', 'conv-1', body()).expect(201);
      expect(first.body).toMatchObject({
        type: 'conversion',
        subscriberId: subscriberIds[0],
        campaignId: campaigns[1],
        amount: 99.5,
        currency: 'EUR',
        plan: 'pro-yearly',
        attribution: { campaignId: campaigns[1], eventType: 'click' },
      });
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const again = await post('/api/events/conversions', 'conv-1', body()).expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await count('type = ? AND subscriber_id = ?', ['conversion', subscriberIds[0]])).toBe(1);
      const [row] = await q('SELECT campaign_id, data FROM events WHERE id = ?', [first.body.eventId]);
      expect(Number(row.campaign_id)).toBe(campaigns[1]);
      expect(typeof row.data === 'string' ? JSON.parse(row.data) : row.data).toMatchObject({
        amount: 99.5,
        currency: 'EUR',
        plan: 'pro-yearly',
        attributedEventId: first.body.attribution.eventId,
      });
    });

    it('answers the racing duplicates of one key with one event', async () => {
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          post('/api/events/conversions', 'conv-race', { ...body(), subscriberId: subscriberIds[1] }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(5).fill(201));
      expect(new Set(results.map((r) => r.body.eventId)).size).toBe(1);
      expect(await count('type = ? AND subscriber_id = ?', ['conversion', subscriberIds[1]])).toBe(1);
      expect(results[0].body.campaignId).toBe(campaigns[0]);
    });

    it('refuses a reused key with another body (409)', async () => {
      const res = await post('/api/events/conversions', 'conv-1', { ...body(), amount: 10 }).expect(409);
      expect(res.body.code).toBe('idempotency_key_reused');
    });

    it('gives no credit for a scanner click or a click outside the window', async () => {
      const scanner = await post('/api/events/conversions', 'conv-scanner', {
        ...body(),
        subscriberId: subscriberIds[2],
      }).expect(201);
      expect(scanner.body).toMatchObject({ campaignId: null, attribution: null });
      const stale = await post('/api/events/conversions', 'conv-stale', {
        ...body(),
        subscriberId: subscriberIds[3],
      }).expect(201);
      expect(stale.body).toMatchObject({ campaignId: null, attribution: null });
    });

    it.each([
      ['no Idempotency-Key', undefined, {}, 400, 'idempotency_key_required'],
      ['an unknown subscriber', 'k-unknown', { subscriberId: 99999 }, 404, 'unknown_subscriber'],
      [
        'an unknown email',
        'k-unknown-email',
        { subscriberId: undefined, email: 'nobody@example.com' },
        404,
        'unknown_subscriber',
      ],
      ['two subscriber references', 'k-two', { email: 'x@example.com' }, 400, 'subscriber_ref'],
      ['a time in the future', 'k-future', { at: '2999-01-01T00:00:00Z' }, 400, 'in_the_future'],
    ])('refuses %s', async (_what, key, override, status, code) => {
      const res = await post('/api/events/conversions', key, { ...body(), ...override }).expect(status);
      expect(res.body.code).toBe(code);
    });

    it.each([-5, 1.234, 'abc', null])('refuses the amount %p with 400', async (amount) => {
      const res = await post('/api/events/conversions', `k-amount-${String(amount)}`, { ...body(), amount }).expect(
        400,
      );
      expect(res.body.message).toMatch(/amount/);
    });
  });

  describe('POST /api/events/purchases', () => {
    it('records a purchase by email, attributed, idempotent, and one order only once', async () => {
      const body = { email: emails[0], orderId: 'ORD-1', amount: 25, currency: 'EUR', at: new Date().toISOString() };
      const first = await post('/api/events/purchases', 'buy-1', body).expect(201);
      expect(first.body).toMatchObject({
        type: 'purchase',
        subscriberId: subscriberIds[0],
        campaignId: campaigns[1],
        orderId: 'ORD-1',
        amount: 25,
      });
      await post('/api/events/purchases', 'buy-1', body).expect(201).expect('idempotent-replayed', 'true');
      const dup = await post('/api/events/purchases', 'buy-1-again', body).expect(409);
      expect(dup.body).toMatchObject({ code: 'duplicate_order', details: { eventId: first.body.eventId } });
      expect(await count('type = ? AND subscriber_id = ?', ['purchase', subscriberIds[0]])).toBe(1);
    });

    it('finds the subscriber by external id', async () => {
      await q('UPDATE subscribers SET external_id = ? WHERE id = ?', ['crm-77', subscriberIds[1]]);
      const res = await post('/api/events/purchases', 'buy-ext', {
        externalId: 'crm-77',
        orderId: 'ORD-2',
        amount: 12.5,
        currency: 'USD',
      }).expect(201);
      expect(res.body).toMatchObject({ subscriberId: subscriberIds[1], campaignId: campaigns[0] });
    });
  });

  describe('batches', () => {
    it('answers per item, records the good ones, and replays the same answer', async () => {
      const items = [
        { subscriberId: subscriberIds[3], orderId: 'B-1', amount: 5, currency: 'EUR' },
        { subscriberId: 99999, orderId: 'B-2', amount: 5, currency: 'EUR' },
        { subscriberId: subscriberIds[3], orderId: 'B-3', amount: -1, currency: 'EUR' },
        { subscriberId: subscriberIds[3], orderId: 'B-4', amount: 7, currency: 'EUR', admin: true },
        { email: emails[2], orderId: 'B-5', amount: 9.99, currency: 'EUR' },
      ];
      const res = await post('/api/events/purchases/batch', 'batch-1', { items }).expect(200);
      expect(res.body.results.map((r: { status: number }) => r.status)).toEqual([201, 404, 400, 400, 201]);
      expect(res.body).toMatchObject({ recorded: 2, failed: 3 });
      expect(res.body.results[1].code).toBe('unknown_subscriber');
      expect(res.body.results[2].message).toMatch(/amount/);
      expect(res.body.results[3].message).toMatch(/admin is not a known field/);
      const again = await post('/api/events/purchases/batch', 'batch-1', { items })
        .expect(200)
        .expect('idempotent-replayed', 'true');
      expect(again.body).toEqual(res.body);
      expect(await count("type = 'purchase' AND subscriber_id IN (?, ?)", [subscriberIds[3], subscriberIds[2]])).toBe(
        2,
      );
    });

    it('takes conversion batches', async () => {
      const res = await post('/api/events/conversions/batch', 'cbatch-1', {
        items: [{ subscriberId: subscriberIds[0], plan: 'p', amount: 1, currency: 'EUR' }],
      }).expect(200);
      expect(res.body.results[0]).toMatchObject({
        status: 201,
        event: { type: 'conversion', campaignId: campaigns[1] },
      });
    });

    it('refuses more than 1000 items', async () => {
      const items = Array.from({ length: 1001 }, (_, i) => ({
        subscriberId: subscriberIds[0],
        orderId: `X-${i}`,
        amount: 1,
        currency: 'EUR',
      }));
      const res = await post('/api/events/purchases/batch', 'batch-big', { items }).expect(400);
      expect(res.body.message).toMatch(/at most 1000/);
      expect(await count("type = 'purchase' AND data LIKE ?", ['%X-1%'])).toBe(0);
    });
  });

  describe('reading', () => {
    it('filters the event log and pages through it by cursor without gaps or repeats', async () => {
      const human = await t
        .api()
        .get('/api/events')
        .query({ type: 'click', campaignId: campaigns[1], machine: 'false' })
        .expect(200);
      expect(human.body.items.map((e: { subscriberId: number }) => e.subscriberId).sort()).toEqual(
        [subscriberIds[0], subscriberIds[3]].sort(),
      );
      const machine = await t.api().get('/api/events').query({ type: 'click', machine: 'true' }).expect(200);
      expect(machine.body.items).toEqual([
        expect.objectContaining({ subscriberId: subscriberIds[2], machineReason: 'scanner_user_agent' }),
      ]);
      const total = await count('1 = 1', []);
      const seen: number[] = [];
      let cursor: number | null = 0;
      while (cursor !== null) {
        const page: request.Response = await t.api().get('/api/events').query({ cursor, limit: 7 }).expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(7);
        seen.push(...page.body.items.map((e: { id: number }) => e.id));
        cursor = page.body.nextCursor;
      }
      expect(seen).toHaveLength(total);
      expect([...seen].sort((a, b) => a - b)).toEqual(seen);
      expect(new Set(seen).size).toBe(total);
      const recent = await t
        .api()
        .get('/api/events')
        .query({ from: new Date(Date.now() - 86_400_000).toISOString(), subscriberId: subscriberIds[3], type: 'click' })
        .expect(200);
      expect(recent.body.items).toHaveLength(0);
      await t.api().get('/api/events').query({ type: 'nonsense' }).expect(400);
      await t.api().get('/api/events').query({ machine: 'maybe' }).expect(400);
    });

    it("shows a subscriber's timeline newest first", async () => {
      const res = await t.api().get(`/api/subscribers/${subscriberIds[0]}/timeline`).expect(200);
      const types = res.body.items.map((e: { type: string }) => e.type);
      expect(types).toEqual(expect.arrayContaining(['delivered', 'open', 'click', 'conversion', 'purchase']));
      const ids = res.body.items.map((e: { id: number }) => e.id);
      expect([...ids].sort((a, b) => b - a)).toEqual(ids);
      const page = await t.api().get(`/api/subscribers/${subscriberIds[0]}/timeline`).query({ limit: 2 }).expect(200);
      expect(page.body.items.map((e: { id: number }) => e.id)).toEqual(ids.slice(0, 2));
      const next = await t
        .api()
        .get(`/api/subscribers/${subscriberIds[0]}/timeline`)
        .query({ limit: 2, cursor: page.body.nextCursor })
        .expect(200);
      expect(next.body.items.map((e: { id: number }) => e.id)).toEqual(ids.slice(2, 4));
      await t.api().get('/api/subscribers/999999/timeline').expect(404);
    });
  });
});
