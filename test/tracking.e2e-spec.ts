import request from 'supertest';
import { DataSource } from 'typeorm';
import Redis from 'ioredis';
import { Client } from 'pg';
import { sampleContent } from '../src/kinds/kind-content.registry';
import { EventWriter } from '../src/events/event-writer';
import { HIT_GROUP, hitStreamKey, RedisHitBuffer } from '../src/tracking/hit-buffer';
import { HitDrain } from '../src/tracking/hit-drain';
import { HitRecorder } from '../src/tracking/hit-recorder';
import { PIXEL_GIF } from '../src/tracking/pixel.route';
import { UA } from '../src/tracking/machine-classifier.fixtures';
import { createAudience, waitUntil } from './support/fixtures';
import { holdClock } from './support/kinds';
import { startTestApp, TestApp } from './support/test-app';

interface EventRow {
  id: number;
  type: string;
  campaign_id: number | null;
  delivery_id: number | null;
  subscriber_id: number | null;
  machine: boolean;
  machine_reason: string | null;
  ip: string | null;
  user_agent: string | null;
  data: Record<string, unknown>;
  dedupe_key: string | null;
}

interface Recipient {
  email: string;
  subscriberId: number;
  deliveryId: number;
  pixel: string;
  links: string[];
}

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('tracking: opens and clicks from a sent campaign into the event log', () => {
  let t: TestApp;
  let ds: DataSource;
  let campaignId: number;
  const recipients: Recipient[] = [];

  const q = (text: string, params: unknown[] = []) => {
    let n = 0;
    return ds.query(ds.options.type === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text, params);
  };
  const events = async (where: string, params: unknown[]): Promise<EventRow[]> =>
    ((await q(`SELECT * FROM events WHERE ${where} ORDER BY id`, params)) as Array<Record<string, unknown>>).map(
      (r) => ({
        ...(r as unknown as EventRow),
        id: Number(r.id),
        campaign_id: r.campaign_id === null ? null : Number(r.campaign_id),
        delivery_id: r.delivery_id === null ? null : Number(r.delivery_id),
        subscriber_id: r.subscriber_id === null ? null : Number(r.subscriber_id),
        machine: r.machine === true || Number(r.machine) === 1,
        data: typeof r.data === 'string' ? JSON.parse(r.data) : (r.data as Record<string, unknown>),
      }),
    );
  const ofDelivery = (r: Recipient, type?: string) =>
    events(`delivery_id = ?${type ? ' AND type = ?' : ''}`, type ? [r.deliveryId, type] : [r.deliveryId]);
  const waitFor = (probe: () => Promise<EventRow[]>, n: number, what: string) =>
    waitUntil(probe, (rows) => rows.length >= n, 15_000, what);
  // Reading "later" than the prefetch windows: the send time is moved back, as if the mail had waited in the inbox.
  const sentAgo = (r: Recipient, ms: number) =>
    q('UPDATE deliveries SET sent_at = ? WHERE id = ?', [
      ds.options.type === 'postgres'
        ? new Date(Date.now() - ms)
        : new Date(Date.now() - ms).toISOString().replace('T', ' ').replace('Z', ''),
      r.deliveryId,
    ]);
  const path = (url: string) => new URL(url).pathname;

  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_TICK_MS: '200', TRACKING_IP_MODE: 'truncate' } });
    ds = t.app.get(DataSource);
    const audience = await createAudience(t, 12);
    const created = await t
      .api()
      .post('/api/campaigns')
      .send({
        kind: 'knowledge',
        name: 'Tea news',
        subject: 'Tea news for {{subscriber.name}}',
        fromEmail: 'news@shop.example',
        audience: { listIds: [audience.listId] },
        content: sampleContent('knowledge'),
        utm: { source: 'valuemail', medium: 'email', campaign: 'tea-news' },
      })
      .expect(201);
    campaignId = created.body.id;
    await t.api().post(`/api/campaigns/${campaignId}/send`).expect(200);
    await waitUntil(
      () =>
        t
          .api()
          .get(`/api/campaigns/${campaignId}/progress`)
          .then((r) => r.body),
      (p) => p.status === 'finished',
      60_000,
      'campaign to finish',
    );
    for (const [i, email] of audience.emails.entries()) {
      const html = String(t.sink.to(email)[0].parsed.html);
      const pixel = /(http:\/\/127\.0\.0\.1:\d+\/o\/[A-Za-z0-9_-]+\.gif)/.exec(html)![1];
      const links = [
        ...new Set([...html.matchAll(/href="(http:\/\/127\.0\.0\.1:\d+\/r\/[A-Za-z0-9_-]+\/\d+)"/g)].map((m) => m[1])),
      ];
      const [row] = await q('SELECT id FROM deliveries WHERE campaign_id = ? AND subscriber_id = ?', [
        campaignId,
        audience.subscriberIds[i],
      ]);
      recipients.push({ email, subscriberId: audience.subscriberIds[i], deliveryId: Number(row.id), pixel, links });
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('writes one delivered event per sent message, with its delivery and subscriber', async () => {
    const delivered = await events('campaign_id = ? AND type = ?', [campaignId, 'delivered']);
    expect(delivered).toHaveLength(12);
    for (const r of recipients) {
      expect(delivered.filter((e) => e.delivery_id === r.deliveryId)).toEqual([
        expect.objectContaining({ subscriber_id: r.subscriberId, machine: false }),
      ]);
    }
  });

  it('records a human open and click fetched from the received HTML, with the right delivery and subscriber', async () => {
    const r = recipients[0];
    expect(r.links.length).toBeGreaterThanOrEqual(3);
    await sentAgo(r, 3_600_000);
    const gif = await t
      .http()
      .get(path(r.pixel))
      .set('User-Agent', UA.appleMail)
      .set('X-Forwarded-For', '203.0.113.77')
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(Buffer.compare(gif.body as Buffer, PIXEL_GIF)).toBe(0);
    const opens = await waitFor(() => ofDelivery(r, 'open'), 1, 'the open');
    expect(opens).toEqual([
      expect.objectContaining({
        campaign_id: campaignId,
        subscriber_id: r.subscriberId,
        machine: false,
        machine_reason: null,
        ip: '203.0.113.0',
        user_agent: UA.appleMail,
      }),
    ]);

    const redirect = await t.http().get(path(r.links[1])).set('User-Agent', UA.chrome).expect(302);
    // The campaign's UTM settings are appended to the stored link.
    expect(redirect.headers.location).toBe(
      'https://greenleaf.example/courses/pairing?utm_source=valuemail&utm_medium=email&utm_campaign=tea-news',
    );
    const clicks = await waitFor(() => ofDelivery(r, 'click'), 1, 'the click');
    expect(clicks).toEqual([
      expect.objectContaining({
        campaign_id: campaignId,
        subscriber_id: r.subscriberId,
        machine: false,
        data: { index: 1, url: 'https://greenleaf.example/courses/pairing' },
      }),
    ]);
    // It had an open already: no implied one.
    expect(await ofDelivery(r, 'open')).toHaveLength(1);
  });

  it('keeps a utm parameter the link already carries', async () => {
    const r = recipients[10];
    const redirect = await t.http().get(path(r.links[0])).expect(302);
    expect(redirect.headers.location).toBe(
      'https://greenleaf.example/articles/brew-green-tea?utm_source=newsletter&utm_medium=email&utm_campaign=tea-news',
    );
  });

  it('records the open that a click without an image fetch proves, once', async () => {
    const r = recipients[1];
    await sentAgo(r, 3_600_000);
    const clock = holdClock(t);
    try {
      await t.http().get(path(r.links[2])).set('User-Agent', UA.chrome).expect(302);
      await waitFor(() => ofDelivery(r, 'click'), 1, 'the first click');
      clock.advance(1100);
      await t.http().get(path(r.links[2])).set('User-Agent', UA.chrome).expect(302);
      await waitFor(() => ofDelivery(r, 'click'), 2, 'the second click');
    } finally {
      clock.release();
    }
    const opens = await ofDelivery(r, 'open');
    expect(opens).toEqual([
      expect.objectContaining({ subscriber_id: r.subscriberId, machine: false, data: { implied: true } }),
    ]);
  });

  it('records nothing for forged or altered tokens, but still answers the GIF and a friendly 404', async () => {
    const r = recipients[2];
    const token = /\/o\/([A-Za-z0-9_-]+)\.gif/.exec(r.pixel)![1];
    const altered = token.slice(0, -3) + (token.endsWith('AAA') ? 'BBB' : 'AAA');
    const before = await events('1 = 1', []);
    const gif = await t.http().get(`/o/${altered}.gif`).buffer(true).parse(binary).expect(200);
    expect((gif.body as Buffer).length).toBe(43);
    await t
      .http()
      .get(`/o/${'x'.repeat(30)}.gif`)
      .expect(200);
    await t
      .http()
      .get(`/o/${altered}.gif?${'q=x&'.repeat(2000)}`)
      .expect(200)
      .expect('content-type', 'image/gif');
    await t.http().post(`/o/${token}.gif`).expect(404);
    const page = await t.http().get(`/r/${altered}/0`).expect(404);
    expect(page.text).toContain('This link does not work');
    await t.http().get(`/r/${token}/99`).expect(404);
    // A genuine hit after them proves the drain has passed the forged ones.
    await sentAgo(r, 3_600_000);
    await t.http().get(path(r.pixel)).set('User-Agent', UA.chrome).expect(200);
    await waitFor(() => ofDelivery(r, 'open'), 1, 'the marker open');
    const after = await events('1 = 1', []);
    expect(after.filter((e) => !before.some((b) => b.id === e.id)).map((e) => [e.type, e.delivery_id])).toEqual([
      ['open', r.deliveryId],
    ]);
  });

  it('records nothing for a preview or a test send (no delivery), while their links still lead on', async () => {
    const r = recipients[9];
    const preview = await t
      .api()
      .get(`/api/campaigns/${campaignId}/preview?subscriberId=${r.subscriberId}`)
      .expect(200);
    const pixel = /(http:\/\/127\.0\.0\.1:\d+\/o\/[A-Za-z0-9_-]+\.gif)/.exec(preview.body.html)![1];
    const link = /href="(http:\/\/127\.0\.0\.1:\d+\/r\/[A-Za-z0-9_-]+\/\d+)"/.exec(preview.body.html)![1];
    const before = await events('1 = 1', []);
    await t.http().get(path(pixel)).set('User-Agent', UA.chrome).expect(200);
    const redirect = await t.http().get(path(link)).set('User-Agent', UA.chrome).expect(302);
    expect(redirect.headers.location).toContain('https://greenleaf.example/');
    // A genuine hit after them proves the drain has passed the preview's.
    await sentAgo(r, 3_600_000);
    await t.http().get(path(r.pixel)).set('User-Agent', UA.chrome).expect(200);
    await waitFor(() => ofDelivery(r, 'open'), 1, 'the marker open');
    const after = await events('1 = 1', []);
    expect(after.filter((e) => !before.some((b) => b.id === e.id)).map((e) => [e.type, e.delivery_id])).toEqual([
      ['open', r.deliveryId],
    ]);
  });

  describe('machine hits are stored flagged, never dropped', () => {
    it('flags a HEAD request', async () => {
      const r = recipients[3];
      await sentAgo(r, 3_600_000);
      await t.http().head(path(r.pixel)).set('User-Agent', UA.chrome).expect(200);
      const [open] = await waitFor(() => ofDelivery(r, 'open'), 1, 'the HEAD open');
      expect(open).toMatchObject({ machine: true, machine_reason: 'head_request', subscriber_id: r.subscriberId });
    });

    it('flags a scanner user agent click (and the open it implies)', async () => {
      const r = recipients[4];
      await sentAgo(r, 3_600_000);
      await t.http().get(path(r.links[0])).set('User-Agent', UA.barracuda).expect(302);
      const [click] = await waitFor(() => ofDelivery(r, 'click'), 1, 'the scanner click');
      expect(click).toMatchObject({ machine: true, machine_reason: 'scanner_user_agent' });
      expect(await ofDelivery(r, 'open')).toEqual([
        expect.objectContaining({ machine: true, machine_reason: 'scanner_user_agent', data: { implied: true } }),
      ]);
    });

    it('flags a click right after delivery', async () => {
      const r = recipients[5];
      await sentAgo(r, 200);
      await t.http().get(path(r.links[0])).set('User-Agent', UA.chrome).expect(302);
      const [click] = await waitFor(() => ofDelivery(r, 'click'), 1, 'the fast click');
      expect(click).toMatchObject({ machine: true, machine_reason: 'too_soon_after_delivery' });
    });

    it('flags several links of one message clicked within a second, all of them', async () => {
      const r = recipients[6];
      await sentAgo(r, 3_600_000);
      for (const link of r.links.slice(0, 3)) await t.http().get(path(link)).set('User-Agent', UA.chrome).expect(302);
      const clicks = await waitFor(() => ofDelivery(r, 'click'), 3, 'the burst');
      expect(clicks.map((c) => [c.machine, c.machine_reason])).toEqual(Array(3).fill([true, 'rapid_multi_link_click']));
    });

    it('flags an Apple Mail Privacy Protection prefetch', async () => {
      const r = recipients[7];
      await sentAgo(r, 3_600_000);
      await t
        .http()
        .get(path(r.pixel))
        .set('User-Agent', 'Mozilla/5.0')
        .set('X-Forwarded-For', '17.58.101.12')
        .expect(200);
      const [open] = await waitFor(() => ofDelivery(r, 'open'), 1, 'the MPP open');
      expect(open).toMatchObject({ machine: true, machine_reason: 'apple_privacy_proxy', ip: '17.58.101.0' });
    });

    it("counts Gmail's image proxy as a human open", async () => {
      const r = recipients[8];
      await sentAgo(r, 3_600_000);
      await t
        .http()
        .get(path(r.pixel))
        .set('User-Agent', UA.gmailProxy)
        .set('X-Forwarded-For', '66.249.84.1')
        .expect(200);
      const [open] = await waitFor(() => ofDelivery(r, 'open'), 1, 'the Gmail open');
      expect(open).toMatchObject({ machine: false, machine_reason: null, data: { via: 'gmail_image_proxy' } });
    });
  });

  it('records opted-out subscribers anonymously: campaign only, no person, address or device', async () => {
    const r = recipients[11];
    await sentAgo(r, 3_600_000);
    await q('UPDATE subscribers SET tracking_opt_out = ? WHERE id = ?', [
      ds.options.type === 'postgres' ? true : 1,
      r.subscriberId,
    ]);
    const before = (await events('campaign_id = ? AND subscriber_id IS NULL', [campaignId])).length;
    await t.http().get(path(r.pixel)).set('User-Agent', UA.chrome).set('X-Forwarded-For', '203.0.113.9').expect(200);
    const anonymous = await waitFor(
      async () => (await events('campaign_id = ? AND subscriber_id IS NULL', [campaignId])).slice(before),
      1,
      'the anonymous open',
    );
    expect(anonymous).toEqual([
      expect.objectContaining({
        type: 'open',
        campaign_id: campaignId,
        delivery_id: null,
        subscriber_id: null,
        ip: null,
        user_agent: null,
      }),
    ]);
    expect(await events('subscriber_id = ? AND type = ?', [r.subscriberId, 'open'])).toHaveLength(0);
  });

  describe('durability', () => {
    let redis: Redis;
    beforeAll(() => {
      redis = new Redis(t.config.redisUrl!);
    });
    afterAll(async () => {
      await redis.quit();
    });

    it('keeps answered hits in Redis while nothing drains them, and writes them once draining resumes', async () => {
      const r = recipients[2];
      const drain = t.app.get(HitDrain);
      const before = (await ofDelivery(r, 'open')).length;
      await drain.stop();
      try {
        for (let i = 0; i < 5; i++) await t.http().get(path(r.pixel)).set('User-Agent', UA.chrome).expect(200);
        // The drain has stopped: the hits wait in the stream, none reached the database.
        expect(await redis.xlen(hitStreamKey(t.config))).toBe(5);
        expect(await ofDelivery(r, 'open')).toHaveLength(before);
      } finally {
        await drain.start();
      }
      await waitFor(() => ofDelivery(r, 'open'), before + 5, 'the buffered opens');
      await waitUntil(
        () => redis.xlen(hitStreamKey(t.config)),
        (n) => n === 0,
        5000,
        'the stream to empty',
      );
      expect(await ofDelivery(r, 'open')).toHaveLength(before + 5);
    });

    it('answers the pixel while the database refuses writes, and the hits land once it is back', async () => {
      const r = recipients[3];
      const writer = t.app.get(EventWriter);
      const before = (await ofDelivery(r, 'open')).length;
      let failures = 0;
      const down = jest.spyOn(writer, 'record').mockImplementation(async () => {
        failures++;
        throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      });
      try {
        for (let i = 0; i < 4; i++) {
          const started = Date.now();
          await t
            .http()
            .get(path(r.pixel))
            .set('User-Agent', UA.chrome)
            .expect(200)
            .expect('content-type', 'image/gif');
          expect(Date.now() - started).toBeLessThan(500);
        }
        await waitUntil(
          async () => failures,
          (n) => n >= 2,
          10_000,
          'the drain to retry',
        );
        expect(await ofDelivery(r, 'open')).toHaveLength(before);
      } finally {
        down.mockRestore();
      }
      await waitFor(() => ofDelivery(r, 'open'), before + 4, 'the opens after the outage');
      await waitUntil(
        () => redis.xlen(hitStreamKey(t.config)),
        (n) => n === 0,
        5000,
        'the stream to empty',
      );
      expect(await ofDelivery(r, 'open')).toHaveLength(before + 4);
    });

    it('does not double count a batch replayed after a crash between commit and acknowledgement', async () => {
      const r = recipients[4];
      const recorder = t.app.get(HitRecorder);
      const real = recorder.record.bind(recorder);
      const before = (await ofDelivery(r, 'open')).length;
      let calls = 0;
      const crash = jest.spyOn(recorder, 'record').mockImplementation(async (batch) => {
        const written = await real(batch);
        if (++calls === 1) throw new Error('worker died before XACK');
        return written;
      });
      try {
        for (let i = 0; i < 3; i++) await t.http().get(path(r.pixel)).set('User-Agent', UA.chrome).expect(200);
        await waitUntil(
          async () => calls,
          (n) => n >= 2,
          10_000,
          'the replay',
        );
      } finally {
        crash.mockRestore();
      }
      await waitUntil(
        () => redis.xlen(hitStreamKey(t.config)),
        (n) => n === 0,
        5000,
        'the stream to empty',
      );
      expect(await ofDelivery(r, 'open')).toHaveLength(before + 3);
    });

    // PostgreSQL only: the database really goes away (connections refused and cut), then comes back.
    (process.env.TEST_DATABASE_URL ? it : it.skip)(
      'survives a real PostgreSQL outage: pixels answered, hits kept in Redis, written after it returns',
      async () => {
        const r = recipients[6];
        const name = new URL(t.env.DATABASE_URL).pathname.slice(1);
        const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
        await admin.connect();
        const before = (await ofDelivery(r, 'open')).length;
        try {
          await admin.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
          await admin.query(
            'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
            [name],
          );
          for (let i = 0; i < 3; i++) {
            const started = Date.now();
            const gif = await t
              .http()
              .get(path(r.pixel))
              .set('User-Agent', UA.chrome)
              .buffer(true)
              .parse(binary)
              .expect(200);
            expect(Buffer.compare(gif.body as Buffer, PIXEL_GIF)).toBe(0);
            expect(Date.now() - started).toBeLessThan(500);
          }
          // The drain has read every entry and could not write it: all still pending, none acknowledged.
          const key = hitStreamKey(t.config);
          await waitUntil(
            async () => {
              const [pending] = (await redis.xpending(key, HIT_GROUP)) as [number];
              return { pending, length: await redis.xlen(key) };
            },
            (s) => s.length > 0 && s.pending >= s.length,
            15_000,
            'the drain to read the hits during the outage',
          );
        } finally {
          await admin.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`);
          await admin.end();
        }
        await waitFor(() => ofDelivery(r, 'open'), before + 3, 'the opens after the outage');
        await waitUntil(
          () => redis.xlen(hitStreamKey(t.config)),
          (n) => n === 0,
          15_000,
          'the stream to empty',
        );
        expect(await ofDelivery(r, 'open')).toHaveLength(before + 3);
      },
    );

    it('still answers the pixel when Redis refuses the hit', async () => {
      const buffer = t.app.get(RedisHitBuffer);
      const client = (buffer as unknown as { redis: Redis }).redis;
      const lost = buffer.lostHits;
      const refuse = jest.spyOn(client, 'xadd').mockRejectedValue(new Error('Connection is closed.'));
      try {
        const gif = await t.http().get(path(recipients[5].pixel)).buffer(true).parse(binary).expect(200);
        expect(Buffer.compare(gif.body as Buffer, PIXEL_GIF)).toBe(0);
        await t.http().get(path(recipients[5].links[1])).expect(302);
      } finally {
        refuse.mockRestore();
      }
      expect(buffer.lostHits).toBe(lost + 2);
    });
  });
});
