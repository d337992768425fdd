import { createServer, request as httpRequest, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { arfMessage, dsnMessage } from '../src/bounces/fixtures';
import { StreamCampaignProgress } from '../src/campaigns/progress/stream-campaign-progress';
import { dbTime, sql } from '../src/common/db/sql-dialect';
import { sampleContent } from '../src/kinds/kind-content.registry';
import { UA } from '../src/tracking/machine-classifier.fixtures';
import { AudienceFixture, createAudience, waitUntil } from './support/fixtures';
import { actAsPerson, formAction, htmlFor, linksIn, postForm, sendKindCampaign } from './support/kinds';
import { startTestApp, TestApp } from './support/test-app';

// Addresses from documentation ranges for people; 17/8 with a bare UA is Apple's privacy proxy.
const PERSON_IP = '203.0.113.10';
const APPLE_PROXY_IP = '17.58.101.12';
const DAY = 86_400_000;

interface SseEvent {
  id: number;
  event: string;
  data: Record<string, unknown>;
}
interface SseResult {
  status: number;
  contentType: string | undefined;
  events: SseEvent[];
  ended: boolean;
  at: number[];
}

describe('dashboard: GET /api/dashboard, and the progress of a send (JSON and server-sent events)', () => {
  let t: TestApp;
  let ds: DataSource;
  let receiver: Server;
  const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> =>
    ds.query(sql(ds, text), params);

  const pixelOf = (email: string) =>
    new URL(/(http:\/\/127\.0\.0\.1:\d+\/o\/[A-Za-z0-9_-]+\.gif)/.exec(htmlFor(t, email))![1]).pathname;
  const redirectsOf = (email: string) => linksIn(t, htmlFor(t, email), 'r');
  const open = (email: string, ua: string, ip: string) =>
    t.http().get(pixelOf(email)).set('User-Agent', ua).set('X-Forwarded-For', ip).expect(200);
  const click = (path: string, ua: string) =>
    t.http().get(path).set('User-Agent', ua).set('X-Forwarded-For', PERSON_IP).expect(302);
  /** The drain writes hits asynchronously: wait until the campaign has this many opens and clicks. */
  const drained = (campaignId: number, opens: number, clicks: number) =>
    waitUntil(
      () =>
        q<{ type: string; n: unknown }>(
          "SELECT type, COUNT(*) AS n FROM events WHERE campaign_id = ? AND type IN ('open', 'click') GROUP BY type",
          [campaignId],
        ),
      (rows) =>
        Number(rows.find((r) => r.type === 'open')?.n ?? 0) >= opens &&
        Number(rows.find((r) => r.type === 'click')?.n ?? 0) >= clicks,
      15_000,
      `campaign ${campaignId} to have ${opens} opens and ${clicks} clicks`,
    );
  const answerPoll = async (email: string, value: string) => {
    const link = linksIn(t, htmlFor(t, email), 'p').find((l) => l.endsWith(`/${value}`))!;
    await actAsPerson(t, [link]);
  };
  const bounce = (email: string) => {
    const mail = t.sink.to(email)[0];
    return t
      .api()
      .post('/api/bounces')
      .send({ message: dsnMessage({ to: mail.envelopeFrom, recipient: email, messageId: mail.parsed.messageId! }) })
      .expect(200);
  };
  const progress = async (id: number) => (await t.api().get(`/api/campaigns/${id}/progress`).expect(200)).body;
  const campaign = async (id: number) => (await t.api().get(`/api/campaigns/${id}`).expect(200)).body;
  const create = async (
    kind: string,
    name: string,
    content: unknown,
    listId: number,
    extra: Record<string, unknown> = {},
  ) => {
    const res = await t
      .api()
      .post('/api/campaigns')
      .send({
        kind,
        name,
        subject: name,
        fromEmail: 'news@shop.example',
        audience: { listIds: [listId] },
        content,
        ...extra,
      })
      .expect(201);
    return res.body.id as number;
  };

  /** Reads GET …/progress/stream: until the server ends it, or `keep` events have come and the client hangs up. */
  const stream = (id: number, options: { keep?: number; lastEventId?: string } = {}): Promise<SseResult> =>
    new Promise((resolve, reject) => {
      const url = new URL(`${t.baseUrl}/api/campaigns/${id}/progress/stream`);
      const headers: Record<string, string> = { Authorization: `Bearer ${t.apiKey}`, Accept: 'text/event-stream' };
      if (options.lastEventId) headers['Last-Event-ID'] = options.lastEventId;
      const req = httpRequest(url, { headers }, (res) => {
        const result: SseResult = {
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'],
          events: [],
          ended: false,
          at: [],
        };
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const field = (name: string) =>
              block
                .split('\n')
                .find((l) => l.startsWith(`${name}: `))
                ?.slice(name.length + 2);
            result.events.push({
              id: Number(field('id')),
              event: field('event') ?? 'message',
              data: JSON.parse(field('data') ?? 'null'),
            });
            result.at.push(Date.now());
            if (options.keep && result.events.length >= options.keep) {
              req.destroy();
              resolve(result);
            }
          }
        });
        res.on('end', () => resolve({ ...result, ended: true }));
        res.on('error', () => undefined);
      });
      req.on('error', (error) => (options.keep ? undefined : reject(error)));
      req.end();
    });

  // Held: the reply to held-0 waits until the test releases it; held-4 and held-5 are greylisted (retried in an hour).
  let releaseHeld!: () => void;
  let heldReached!: () => void;
  const held = new Promise<void>((r) => (releaseHeld = r));
  const reachedHeld = new Promise<void>((r) => (heldReached = r));

  let survey: AudienceFixture;
  let polled: AudienceFixture;
  let trial: AudienceFixture;
  let knowledge: AudienceFixture;
  let loyal: AudienceFixture;
  let contest: AudienceFixture;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        SCHEDULER_TICK_MS: '200',
        MACHINE_OPEN_WINDOW_SECONDS: '0',
        MACHINE_CLICK_WINDOW_SECONDS: '0',
        // One sent message is enough to judge the bounce rate; greylisted mail is retried after an hour.
        AUTO_PAUSE_MIN_SENT: '1',
        SEND_RETRY_BASE_MS: '3600000',
        WEBHOOKS_ALLOW_PRIVATE: 'true',
      },
    });
    ds = t.app.get(DataSource);
    receiver = createServer((_req, res) => res.writeHead(410).end('gone'));
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    t.sink.responder = ({ rcptTo }) => {
      if (rcptTo.includes('held-0@example.com')) {
        heldReached();
        return held.then(() => undefined);
      }
      if (rcptTo.includes('held-4@example.com') || rcptTo.includes('held-5@example.com'))
        return { code: 451, message: '4.7.1 Greylisted, try again later' };
      if (rcptTo.includes('win-2@example.com')) return { code: 550, message: '5.1.1 No such user here' };
      return undefined;
    };

    // C1, the oldest: a CSAT survey (its answer is no NPS answer), left out of the 8 most recent.
    survey = await createAudience(t, 2, { prefix: 'survey' });
    ids.survey = await sendKindCampaign(
      t,
      'poll',
      { question: 'How satisfied are you?', type: 'csat' },
      survey.listId,
      { name: 'Old survey' },
    );
    await answerPoll(survey.emails[0], '2');

    // C2: an NPS poll to six.
    polled = await createAudience(t, 6, { prefix: 'nps' });
    ids.poll = await sendKindCampaign(t, 'poll', sampleContent('poll'), polled.listId, { name: 'NPS poll' });
    const [p0, p1, p2, p3, p4, p5] = polled.emails;
    await open(p0, UA.appleMail, PERSON_IP); // p0: opens, answers 10
    await answerPoll(p0, '10');
    await open(p1, UA.appleBare, APPLE_PROXY_IP); // p1: only Apple's proxy fetched the pixel; answers 9
    await answerPoll(p1, '9');
    await open(p2, UA.iphoneMail, PERSON_IP); // p2: opens twice, no answer
    await open(p2, UA.iphoneMail, PERSON_IP);
    await answerPoll(p3, '3'); // p3: images off, answers 3
    await bounce(p4); // p4: hard bounce
    await request(t.baseUrl)
      .post(linksIn(t, htmlFor(t, p5), 'u')[0])
      .type('form')
      .send({ 'List-Unsubscribe': 'One-Click' })
      .expect(200); // p5 leaves
    await drained(ids.poll, 4, 0);

    // C3: a trial offer with a shared code.
    trial = await createAudience(t, 4, { prefix: 'trial' });
    ids.trial = await sendKindCampaign(
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
        shopUrl: 'https://shop.example/pro',
        shopLabel: 'See Pro',
      },
      trial.listId,
      { name: 'Pro trial' },
    );
    const [d0, d1, d2] = trial.emails;
    const startTrial = (email: string) => actAsPerson(t, [linksIn(t, htmlFor(t, email), 't')[0]]);
    await open(d0, UA.chrome, PERSON_IP); // d0: opens, clicks, starts the trial
    await click(redirectsOf(d0)[0], UA.chrome);
    await startTrial(d0);
    await click(redirectsOf(d1)[0], UA.chrome); // d1: clicks (an implied open) and starts it
    await startTrial(d1);
    await click(redirectsOf(d2)[0], UA.proofpoint); // a link scanner for d2
    await drained(ids.trial, 3, 3);
    const post = (path: string, key: string, body: object) =>
      t.api().post(path).set('Idempotency-Key', key).send(body).expect(201);
    // The shop reports them a little later: after the trial, which counted at the time of its click.
    const paidAt = new Date(Date.now() + 2 * 60_000).toISOString();
    await post('/api/events/conversions', 'dash-conv-1', {
      email: d0,
      plan: 'Pro',
      amount: 49,
      currency: 'EUR',
      at: paidAt,
    });
    await post('/api/events/purchases', 'dash-buy-1', {
      email: d0,
      orderId: 'dash-o-1',
      amount: 20,
      currency: 'EUR',
      at: paidAt,
    });

    // C4: knowledge items. Link 0 is about brewing, link 1 (the pairing course) about pairing.
    knowledge = await createAudience(t, 3, { prefix: 'know' });
    ids.knowledge = await sendKindCampaign(t, 'knowledge', sampleContent('knowledge'), knowledge.listId, {
      name: 'Tea knowledge',
    });
    const [k0, k1, k2] = knowledge.emails;
    // A scanner clicks brewing three times for k1: counted, brewing would top pairing.
    for (let i = 0; i < 3; i++)
      await click(
        redirectsOf(k1).find((l) => l.endsWith('/0'))!,
        UA.proofpoint,
      );
    await click(
      redirectsOf(k0).find((l) => l.endsWith('/1'))!,
      UA.chrome,
    );
    await click(
      redirectsOf(k2).find((l) => l.endsWith('/1'))!,
      UA.chrome,
    );
    await drained(ids.knowledge, 3, 5);

    // C5: loyalty. l0 collects the 150-point bonus; l1 spends points after the mail.
    loyal = await createAudience(t, 3, { prefix: 'loyal' });
    ids.loyalty = await sendKindCampaign(t, 'loyalty', sampleContent('loyalty'), loyal.listId, {
      name: 'Loyalty bonus',
    });
    await actAsPerson(t, [linksIn(t, htmlFor(t, loyal.emails[0]), 'l')[0]]);
    await t
      .api()
      .post(`/api/subscribers/${loyal.subscriberIds[1]}/points/adjust`)
      .send({ points: 200, reason: 'Welcome' })
      .expect(200);
    await t
      .api()
      .post(`/api/subscribers/${loyal.subscriberIds[1]}/points/redeem`)
      .send({ points: 100, reason: 'Free pot of tea' })
      .expect(200);

    // C6: a contest; win-2's server refuses the address (550): failed at send.
    contest = await createAudience(t, 3, { prefix: 'win' });
    ids.contest = await sendKindCampaign(
      t,
      'contest',
      {
        title: 'Win a year of tea',
        rules: 'One entry each.',
        prize: 'Twelve tasting boxes',
        winners: 1,
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
        entryQuestion: 'Which tea?',
        referralBonusEntries: 2,
      },
      contest.listId,
      { name: 'Tea contest' },
    );
    for (const email of contest.emails.slice(0, 2))
      await postForm(t, linksIn(t, htmlFor(t, email), 'c')[0], { answer: 'Sencha' }).expect(200);
  });

  afterAll(async () => {
    releaseHeld();
    receiver?.close();
    await t?.close();
  });

  describe('progress of a send', () => {
    it('streams one progress event a second until the campaign is finished, then `end`, and closes', async () => {
      const audience = await createAudience(t, 2, { prefix: 'serv' });
      ids.service = await create('service', 'Gift wrapping', sampleContent('service'), audience.listId);
      await t.api().post(`/api/campaigns/${ids.service}/send`).expect(200);
      const result = await stream(ids.service);
      expect(result.status).toBe(200);
      expect(result.contentType).toBe('text/event-stream; charset=utf-8');
      expect(result.ended).toBe(true);
      const last = result.events[result.events.length - 1];
      expect(last).toEqual({
        id: result.events.length,
        event: 'end',
        data: { campaignId: ids.service, status: 'finished' },
      });
      const progressEvents = result.events.slice(0, -1);
      expect(progressEvents.length).toBeGreaterThanOrEqual(1);
      expect(
        progressEvents.every((e, i) => e.event === 'progress' && e.id === i + 1 && e.data.campaignId === ids.service),
      ).toBe(true);
      // Only the last reading is final: the stream stops right after it.
      expect(progressEvents.slice(0, -1).every((e) => e.data.status === 'running')).toBe(true);
      expect(progressEvents[progressEvents.length - 1].data).toEqual({
        campaignId: ids.service,
        status: 'finished',
        total: 2,
        queued: 0,
        sending: 0,
        sent: 2,
        failed: 0,
        suppressed: 0,
        uncertain: 0,
        progress: 1,
        rate: 0,
        etaSeconds: 0,
        audienceComplete: true,
        statusReason: null,
        waitingForSmtp: null,
      });
      // s0 asks for both offers; s1 reports the mail as spam.
      const links = linksIn(t, htmlFor(t, audience.emails[0]), 's');
      await actAsPerson(t, [links[0], links[1]]);
      const mail = t.sink.to(audience.emails[1])[0];
      await t
        .api()
        .post('/api/bounces')
        .send({
          message: arfMessage({
            to: mail.envelopeFrom,
            recipient: audience.emails[1],
            messageId: mail.parsed.messageId!,
          }),
        })
        .expect(200);
    });

    it('tells an EventSource reconnecting after the end to stop (204), and shows a finished campaign once', async () => {
      const again = await stream(ids.service, { lastEventId: '3' });
      expect(again).toMatchObject({ status: 204, events: [], ended: true });
      const fresh = await stream(ids.service);
      expect(fresh.events.map((e) => [e.id, e.event, e.data.status])).toEqual([
        [1, 'progress', 'finished'],
        [2, 'end', 'finished'],
      ]);
      expect(fresh.ended).toBe(true);
      const missing = await t.api().get('/api/campaigns/987654/progress/stream').expect(404);
      expect(missing.body.message).toBe('Campaign 987654 does not exist');
    });

    it('counts failed deliveries in the progress of a finished campaign', async () => {
      expect(await progress(ids.contest)).toEqual({
        campaignId: ids.contest,
        status: 'finished',
        total: 3,
        queued: 0,
        sending: 0,
        sent: 2,
        failed: 1,
        suppressed: 0,
        uncertain: 0,
        progress: 1,
        rate: 0,
        etaSeconds: 0,
        audienceComplete: true,
        statusReason: null,
        waitingForSmtp: null,
      });
    });

    it('shows rows being sent, then sent and waiting with the rate and ETA, then the auto-pause with its reason', async () => {
      const audience = await createAudience(t, 6, { prefix: 'held' });
      ids.held = await create('gift', 'Held gift', sampleContent('gift'), audience.listId);
      await t.api().post(`/api/campaigns/${ids.held}/send`).expect(200);
      await reachedHeld;
      // Each outcome is on record as the relay answers: held-1..3 sent, held-4 and -5 greylisted; held-0 is still in SMTP.
      const inFlight = await waitUntil(
        () => progress(ids.held),
        (p) => p.sending === 1 && p.sent === 3 && p.queued === 2,
        15_000,
        'every reply but the held one to be recorded',
      );
      expect(inFlight).toEqual({
        campaignId: ids.held,
        status: 'running',
        total: 6,
        queued: 2,
        sending: 1,
        sent: 3,
        failed: 0,
        suppressed: 0,
        uncertain: 0,
        progress: 0.5,
        rate: 0,
        etaSeconds: null,
        audienceComplete: true,
        statusReason: null,
        waitingForSmtp: null,
      });
      releaseHeld();
      // held-0..3 accepted; held-4 and -5 greylisted and waiting for their retry in an hour.
      const after = await waitUntil(
        () => progress(ids.held),
        (p) => p.sent === 4 && p.rate > 0,
        15_000,
        'the batch to complete and the meter to see it',
      );
      // 4 messages in the last 10 s: 0.4 msg/s; 2 left: 5 s.
      expect(after).toEqual({
        campaignId: ids.held,
        status: 'running',
        total: 6,
        queued: 2,
        sending: 0,
        sent: 4,
        failed: 0,
        suppressed: 0,
        uncertain: 0,
        progress: 0.6667,
        rate: 0.4,
        etaSeconds: 5,
        audienceComplete: true,
        statusReason: null,
        waitingForSmtp: null,
      });
      // held-0 claims the gift; held-3's server bounces the mail: 1 of 4 sent is 25%, over the 5% limit.
      await postForm(
        t,
        formAction(
          (
            await t
              .http()
              .get(linksIn(t, htmlFor(t, audience.emails[0]), 'g')[0])
              .expect(200)
          ).text,
        ),
        { name: 'An de Vries', street: 'Kerkstraat 1', postcode: '1011 AB', city: 'Amsterdam', country: 'NL' },
      ).expect(200);
      const bounced = await bounce(audience.emails[3]);
      expect(bounced.body.campaignPaused).toBe(true);
      expect(await progress(ids.held)).toEqual({
        campaignId: ids.held,
        status: 'paused',
        total: 6,
        queued: 2,
        sending: 0,
        sent: 4,
        failed: 0,
        suppressed: 0,
        uncertain: 0,
        progress: 0.6667,
        rate: 0,
        etaSeconds: null,
        audienceComplete: true,
        statusReason: 'Auto-paused: hard bounce rate 25.00% passed 5.00%',
        waitingForSmtp: null,
      });
    });

    it('keeps streaming a paused campaign once a second, and stops when the client goes away', async () => {
      const streams = t.app.get(StreamCampaignProgress);
      const result = await stream(ids.held, { keep: 2 });
      expect(result.events.map((e) => [e.id, e.event, e.data.status, e.data.sent])).toEqual([
        [1, 'progress', 'paused', 4],
        [2, 'progress', 'paused', 4],
      ]);
      expect(result.at[1] - result.at[0]).toBeGreaterThanOrEqual(900);
      await waitUntil(
        async () => streams.openStreams,
        (n) => n === 0,
        5_000,
        'the server to drop the stream',
      );
    });

    it('ends the open streams when the application shuts down, so the HTTP server can close', async () => {
      const streams = t.app.get(StreamCampaignProgress);
      const reading = stream(ids.held);
      await waitUntil(
        async () => streams.openStreams,
        (n) => n === 1,
        5_000,
        'the stream to open',
      );
      streams.beforeApplicationShutdown();
      const result = await reading;
      expect(result.ended).toBe(true);
      expect(result.events[0]).toMatchObject({ id: 1, event: 'progress', data: { status: 'paused' } });
      expect(streams.openStreams).toBe(0);
    });
  });

  describe('the dashboard', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers read field by field
    type Json = Record<string, any>;
    let body: Json;
    let webhook: Json;
    let importRun: Json;
    let scheduledAt: string;

    beforeAll(async () => {
      // C9: scheduled in two hours for a list nobody is on.
      const empty = await createAudience(t, 0, { prefix: 'empty' });
      scheduledAt = new Date(Math.ceil((Date.now() + 2 * 3_600_000) / 60_000) * 60_000).toISOString();
      ids.scheduled = await create('poll', 'Scheduled poll', sampleContent('poll'), empty.listId, { scheduledAt });

      // A webhook whose receiver answers 410 Gone: switched off.
      const created = await t
        .api()
        .post('/api/webhooks')
        .send({
          name: 'CRM',
          url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
          events: ['poll.answered'],
        })
        .expect(201);
      await t.api().post(`/api/webhooks/${created.body.id}/test`).expect(202);
      webhook = await waitUntil(
        async () => (await t.api().get(`/api/webhooks/${created.body.id}`).expect(200)).body,
        (w) => w.enabled === false,
        15_000,
        'the webhook to be switched off',
      );

      // An import with one bad row out of three.
      const upload = await t
        .api()
        .post('/api/imports')
        .field('mode', 'add')
        .attach(
          'file',
          Buffer.from('email,name\nnew-1@example.org,Een\nnot-an-address,Twee\nnew-2@example.org,Drie\n'),
          'people.csv',
        )
        .expect(201);
      importRun = await waitUntil(
        async () => (await t.api().get(`/api/imports/${upload.body.id}`).expect(200)).body,
        (r) => r.status === 'finished',
        15_000,
        'the import',
      );

      // History (setup, not the subject): the NPS poll's six subscribers joined 40 days ago, p4 bounced 10 days ago,
      // p3 answered 3 two months ago (the middle of that month).
      const now = new Date();
      await q('UPDATE subscribers SET created_at = ? WHERE id IN (?, ?, ?, ?, ?, ?)', [
        dbTime(ds, new Date(now.getTime() - 40 * DAY)),
        ...polled.subscriberIds,
      ]);
      await q('UPDATE subscribers SET updated_at = ? WHERE id = ?', [
        dbTime(ds, new Date(now.getTime() - 10 * DAY)),
        polled.subscriberIds[4],
      ]);
      await q('UPDATE poll_answers SET answered_at = ? WHERE campaign_id = ? AND subscriber_id = ?', [
        dbTime(ds, new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 15, 12))),
        ids.poll,
        polled.subscriberIds[3],
      ]);

      // The value profiles follow the event log in the worker: wait until they have read all of it.
      await waitUntil(
        async () => {
          const [head] = await q<{ n: unknown }>('SELECT MAX(id) AS n FROM events');
          const [cursor] = await q<{ n: unknown }>("SELECT last_id AS n FROM event_cursors WHERE name = 'scores'");
          return Number(cursor?.n ?? 0) >= Number(head.n);
        },
        (done) => done,
        15_000,
        'the value profiles to catch up',
      );
      body = (await t.api().get('/api/dashboard').expect(200)).body;
    });

    it("lists the last 8 campaigns, newest first, with the report's rates and each kind's headline", async () => {
      const recent = body.recentCampaigns;
      // The oldest (the CSAT survey) is the ninth: left out.
      expect(recent.map((c: { id: number }) => c.id)).toEqual([
        ids.scheduled,
        ids.held,
        ids.service,
        ids.contest,
        ids.loyalty,
        ids.knowledge,
        ids.trial,
        ids.poll,
      ]);
      const of = (id: number) => recent.find((c: { id: number }) => c.id === id);
      const noRevenue = { conversions: 0, purchases: 0, byCurrency: [] };
      const started = async (id: number) => {
        const c = await campaign(id);
        return { startedAt: c.startedAt, finishedAt: c.finishedAt };
      };

      expect(of(ids.scheduled)).toEqual({
        id: ids.scheduled,
        name: 'Scheduled poll',
        kind: 'poll',
        status: 'scheduled',
        statusReason: null,
        scheduledAt,
        startedAt: null,
        finishedAt: null,
        recipients: 0,
        sent: 0,
        delivered: 0,
        progress: null,
        openers: 0,
        openRate: 0,
        clickers: 0,
        clickRate: 0,
        acted: 0,
        actRate: 0,
        action: 'answered the poll',
        revenue: noRevenue,
        headline: {
          kind: 'poll',
          label: 'NPS',
          value: null,
          pollType: 'nps',
          answers: 0,
          responseRate: 0,
          nps: { score: 0, promoters: 0, passives: 0, detractors: 0 },
        },
      });
      // 6 recipients, 4 sent, held-3 bounced: 3 delivered; held-0's claim is the one action: 1 / 3 (and so opened and clicked).
      expect(of(ids.held)).toEqual({
        id: ids.held,
        name: 'Held gift',
        kind: 'gift',
        status: 'paused',
        statusReason: 'Auto-paused: hard bounce rate 25.00% passed 5.00%',
        scheduledAt: null,
        ...(await started(ids.held)),
        recipients: 6,
        sent: 4,
        delivered: 3,
        progress: 0.6667,
        openers: 1,
        openRate: 0.3333,
        clickers: 1,
        clickRate: 0.3333,
        acted: 1,
        actRate: 0.3333,
        action: 'claimed the gift',
        revenue: noRevenue,
        headline: { kind: 'gift', label: 'Claims', value: 1, claims: 1 },
      });
      // A complaint still counts as delivered: 2. s0 asked for both offers: 1 person acted, 2 requests.
      expect(of(ids.service)).toEqual({
        id: ids.service,
        name: 'Gift wrapping',
        kind: 'service',
        status: 'finished',
        statusReason: null,
        scheduledAt: null,
        ...(await started(ids.service)),
        recipients: 2,
        sent: 2,
        delivered: 2,
        progress: null,
        openers: 1,
        openRate: 0.5,
        clickers: 1,
        clickRate: 0.5,
        acted: 1,
        actRate: 0.5,
        action: 'requested a service',
        revenue: noRevenue,
        headline: { kind: 'service', label: 'Requests', value: 2, requests: 2 },
      });
      // win-2 failed at send: 2 sent and delivered, both entered.
      expect(of(ids.contest)).toMatchObject({
        status: 'finished',
        recipients: 3,
        sent: 2,
        delivered: 2,
        acted: 2,
        actRate: 1,
        action: 'entered the contest',
        headline: { kind: 'contest', label: 'Entries', value: 2, entries: 2 },
      });
      // The bonus and the later redemption: 2 of 3; the adjustment is no points issued by the campaign.
      // l0 collected the bonus from the mail (so opened it); l1 redeemed in the shop, which says nothing about the mail.
      expect(of(ids.loyalty)).toMatchObject({
        recipients: 3,
        delivered: 3,
        openers: 1,
        acted: 2,
        actRate: 0.6667,
        action: 'collected the bonus or redeemed points',
        headline: { kind: 'loyalty', label: 'Points issued', value: 150, pointsIssued: 150, bonusCredited: 1 },
      });
      // k0 and k2 clicked pairing (implied opens); the scanner's three brewing clicks and k1's implied open are machine.
      expect(of(ids.knowledge)).toMatchObject({
        recipients: 3,
        delivered: 3,
        openers: 2,
        openRate: 0.6667,
        clickers: 2,
        clickRate: 0.6667,
        acted: 2,
        actRate: 0.6667,
        action: 'clicked a knowledge item',
        headline: { kind: 'knowledge', label: 'Top topic', value: 'pairing', topTopic: 'pairing', topTopicClicks: 2 },
      });
      // d0 and d1 opened (d1 by its click), clicked and started the trial; d0 converted (49) and bought (20). A trial has no codes to redeem.
      expect(of(ids.trial)).toEqual({
        id: ids.trial,
        name: 'Pro trial',
        kind: 'discount',
        status: 'finished',
        statusReason: null,
        scheduledAt: null,
        ...(await started(ids.trial)),
        recipients: 4,
        sent: 4,
        delivered: 4,
        progress: null,
        openers: 2,
        openRate: 0.5,
        clickers: 2,
        clickRate: 0.5,
        acted: 2,
        actRate: 0.5,
        action: 'redeemed the coupon or started the trial',
        revenue: {
          conversions: 1,
          purchases: 1,
          byCurrency: [
            { currency: 'EUR', conversions: 1, conversionAmount: 49, purchases: 1, purchaseAmount: 20, total: 69 },
          ],
        },
        headline: {
          kind: 'discount',
          label: 'Redemptions',
          value: 0,
          redemptions: 0,
          redemptionAmount: 0,
          trialStarts: 2,
          conversions: 1,
          trialToPaidRate: 0.5,
          trialToPaidBenchmark: 0.2,
        },
      });
      // 6 sent, p4 bounced: 5 delivered. People opened: p0, p2, and p1 (only the proxy fetched the pixel) and p3 (images off) answered,
      // so they opened and clicked the mail too: 4 openers, 3 clickers. Answers 10, 9, 3: (2 − 1) / 3 = 33.3.
      expect(of(ids.poll)).toEqual({
        id: ids.poll,
        name: 'NPS poll',
        kind: 'poll',
        status: 'finished',
        statusReason: null,
        scheduledAt: null,
        ...(await started(ids.poll)),
        recipients: 6,
        sent: 6,
        delivered: 5,
        progress: null,
        openers: 4,
        openRate: 0.8,
        clickers: 3,
        clickRate: 0.6,
        acted: 3,
        actRate: 0.6,
        action: 'answered the poll',
        revenue: noRevenue,
        headline: {
          kind: 'poll',
          label: 'NPS',
          value: 33.3,
          pollType: 'nps',
          answers: 3,
          responseRate: 0.5,
          nps: { score: 33.3, promoters: 2, passives: 0, detractors: 1 },
        },
      });
      // The same figures as the campaign report.
      const report = (await t.api().get(`/api/campaigns/${ids.poll}/report`).expect(200)).body;
      expect([
        report.funnel.opened.human.rate,
        report.funnel.clicked.human.rate,
        report.funnel.acted.rate,
        report.kindBlock.report.nps.score,
      ]).toEqual([0.8, 0.6, 0.6, 33.3]);
    });

    it('counts active subscribers per day over 90 days, walked back from today', () => {
      const s = body.subscribersOverTime;
      // Created: survey 2, NPS 6, trial 4, knowledge 3, loyalty 3, contest 3, service 2, held 6, imported 2 = 31.
      // Not active: p4 (bounced, 10 days ago), p5 (unsubscribed), win-2 (refused at send), held-3 (bounced), serv-1 (complained): 26 left.
      expect(s.total).toBe(26);
      expect(s.newLast30Days).toBe(25); // the NPS poll's six joined 40 days ago
      expect(s.unsubscribedLast30Days).toBe(1);
      expect(s.leftLast30Days).toBe(5);
      expect(s.basis).toContain('last change of the row');
      expect(s.points).toHaveLength(90);
      const day = (ago: number) => new Date(Date.now() - ago * DAY).toISOString().slice(0, 10);
      const at = (ago: number) => s.points[89 - ago];
      expect(at(0)).toEqual({ date: day(0), active: 26, joined: 25, left: 4 });
      // Yesterday: today's 26 − 25 joined + 4 left.
      expect(at(1)).toEqual({ date: day(1), active: 5, joined: 0, left: 0 });
      expect(at(10)).toEqual({ date: day(10), active: 5, joined: 0, left: 1 });
      expect(at(11)).toEqual({ date: day(11), active: 6, joined: 0, left: 0 });
      expect(at(40)).toEqual({ date: day(40), active: 6, joined: 6, left: 0 });
      expect(at(41)).toEqual({ date: day(41), active: 0, joined: 0, left: 0 });
      expect(s.points[0]).toEqual({ date: day(89), active: 0, joined: 0, left: 0 });
    });

    it('shows NPS per month over 12 months from the latest NPS answers only', () => {
      const n = body.npsOverTime;
      const now = new Date();
      const month = (back: number) =>
        new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7);
      expect(n.points.map((p: { month: string }) => p.month)).toEqual(
        Array.from({ length: 12 }, (_, i) => month(11 - i)),
      );
      const empty = (m: string) => ({ month: m, answers: 0, promoters: 0, passives: 0, detractors: 0, nps: null });
      // This month 10 and 9: 100. Two months ago the 3: −100. The CSAT answer (2) is no NPS answer.
      expect(n.points[11]).toEqual({ month: month(0), answers: 2, promoters: 2, passives: 0, detractors: 0, nps: 100 });
      expect(n.points[10]).toEqual(empty(month(1)));
      expect(n.points[9]).toEqual({ month: month(2), answers: 1, promoters: 0, passives: 0, detractors: 1, nps: -100 });
      expect(n.points.slice(0, 9)).toEqual(Array.from({ length: 9 }, (_, i) => empty(month(11 - i))));
      // (2 − 1) / 3 = 33.3 → 33.
      expect(n.overall).toEqual({
        month: `${month(11)}/${month(0)}`,
        answers: 3,
        promoters: 2,
        passives: 0,
        detractors: 1,
        nps: 33,
      });
    });

    it("averages the value dimensions of the active subscribers' profiles (0 without one)", () => {
      // Per subscriber, Σ strength × the kind's weight (events seconds old: no decay to speak of), as 0–100 with scoreOf:
      // emotional: o0 5 (29.3), p0 6 (34.0), p1 5, p2 1 (two opens of one mail count once: 6.7), p3 5, l0 2.5 (15.9), w0 5, w1 5, s0 5, h0 5: 7 × 29.3 + 34.0 + 6.7 + 15.9 = 261.7;
      // economic: d0 14 (62.1), d1 9 (46.4), l0 5 (29.3) = 137.8 (l1's redemption names no campaign);
      // functional: k0 4 (24.2), k2 4, s0 10 (50.0) = 98.4; symbolic: w0, w1 2.5 (15.9) = 31.8. Over 26 active subscribers.
      expect(body.valueDimensions).toEqual({
        source: 'profiles',
        reason: null,
        subscribers: 26,
        averages: { functional: 3.8, economic: 5.3, emotional: 10.1, symbolic: 1.2 },
        computedAt: expect.any(String),
      });
      expect(Date.parse(body.valueDimensions.computedAt) - Date.parse(body.generatedAt)).toBeLessThan(5000);
    });

    it('leaves out the profile of a subscriber who is no longer active, reading again when the audience changed', async () => {
      // p2 (two opens, one counted: emotional 6.7) is blocklisted: 25 active; emotional (261.7 − 6.7) / 25 = 10.2, the others over 25.
      await t.api().patch(`/api/subscribers/${polled.subscriberIds[2]}`).send({ status: 'blocklisted' }).expect(200);
      const again = (await t.api().get('/api/dashboard').expect(200)).body;
      expect(again.valueDimensions).toMatchObject({
        source: 'profiles',
        subscribers: 25,
        averages: { functional: 3.9, economic: 5.5, emotional: 10.2, symbolic: 1.3 },
      });
    });

    it('lists what needs attention, critical first, with a sentence and where to go', async () => {
      const held = await campaign(ids.held);
      const service = await campaign(ids.service);
      const contestRow = await campaign(ids.contest);
      const poll = await campaign(ids.poll);
      const iso = (d: string | null) => (d ? new Date(d).toISOString() : null);
      expect(body.attention).toEqual([
        {
          severity: 'critical',
          type: 'scheduled_without_recipients',
          link: { type: 'campaign', id: ids.scheduled },
          at: scheduledAt,
          message: `“Scheduled poll” is scheduled for ${scheduledAt.slice(0, 16).replace('T', ' ')} UTC but its audience has nobody to send to.`,
        },
        {
          severity: 'critical',
          type: 'campaign_auto_paused',
          link: { type: 'campaign', id: ids.held },
          at: iso(held.updatedAt),
          message:
            '“Held gift” was paused automatically: hard bounce rate 25.00% passed 5.00%. It still has 2 messages to send; remove the bad addresses before resuming.',
        },
        {
          severity: 'warning',
          type: 'import_bad_rows',
          link: { type: 'import', id: importRun.id },
          at: iso(importRun.finishedAt),
          message: 'The import of “people.csv” could not add 1 of 3 rows: download the bad-row report to fix it.',
        },
        {
          severity: 'warning',
          type: 'webhook_disabled',
          link: { type: 'webhook', id: webhook.id },
          at: iso(webhook.disabledAt),
          message: `Webhook “CRM” was switched off: ${webhook.disabledReason.replace(/\.$/, '')}. Fix the receiving system, then switch it on again.`,
        },
        {
          severity: 'warning',
          type: 'high_hard_bounce_rate',
          link: { type: 'campaign', id: ids.held },
          at: iso(held.startedAt),
          message:
            '25.0% of the messages of “Held gift” bounced hard (1 of 4, more than 2.0%): clean the list before the next send.',
        },
        {
          severity: 'warning',
          type: 'high_complaint_rate',
          link: { type: 'campaign', id: ids.service },
          at: iso(service.startedAt),
          message:
            '1 of 2 recipients of “Gift wrapping” marked it as spam (50.0%, more than 0.10%): send only to people who asked for this mail.',
        },
        {
          severity: 'warning',
          type: 'failed_deliveries',
          link: { type: 'campaign', id: ids.contest },
          at: iso(contestRow.lastBatchAt),
          message: '1 message of “Tea contest” could not be delivered.',
        },
        {
          severity: 'warning',
          type: 'high_hard_bounce_rate',
          link: { type: 'campaign', id: ids.poll },
          at: iso(poll.startedAt),
          message:
            '16.7% of the messages of “NPS poll” bounced hard (1 of 6, more than 2.0%): clean the list before the next send.',
        },
      ]);
      expect(webhook.disabledReason).toMatch(/^The receiver answered 410 Gone on /);
    });

    it('is documented in the OpenAPI document', async () => {
      const doc = (await request(t.baseUrl).get('/api/openapi.json').expect(200)).body;
      expect(doc.paths['/api/dashboard'].get.responses['200'].content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/DashboardDto',
      });
      expect(Object.keys(doc.components.schemas.DashboardDto.properties)).toEqual([
        'generatedAt',
        'recentCampaigns',
        'subscribersOverTime',
        'npsOverTime',
        'valueDimensions',
        'attention',
      ]);
      expect(Object.keys(doc.paths['/api/campaigns/{id}/progress/stream'].get.responses['200'].content)).toEqual([
        'text/event-stream',
      ]);
    });
  });
});
