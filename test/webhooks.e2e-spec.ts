import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { arfMessage, dsnMessage } from '../src/bounces/fixtures';
import { sql } from '../src/common/db/sql-dialect';
import { EventWriter } from '../src/events/event-writer';
import { sampleContent } from '../src/kinds/kind-content.registry';
import { ScoreClassChangeHooks } from '../src/scores/score-class-change.hooks';
import { UA } from '../src/tracking/machine-classifier.fixtures';
import { WebhookOutbox } from '../src/webhooks/webhook-outbox';
import { createAudience, waitUntil } from './support/fixtures';
import { actAsPerson, htmlFor, linksIn, postForm, rows, sendKindCampaign } from './support/kinds';
import { startTestApp, TestApp } from './support/test-app';
import { Received, Receiver } from './support/webhook-receiver';

/** What a receiver does with the secret: recompute the HMAC over "timestamp.body" (written out here, not imported). */
function verified(secret: string, r: Received): boolean {
  const timestamp = String(r.headers['x-valuemail-timestamp']);
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${r.body}`).digest('hex')}`;
  return r.headers['x-valuemail-signature'] === expected && Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
}

const typesAt = (receiver: Receiver, path: string, campaignId?: number) =>
  receiver
    .at(path)
    .filter((r) => campaignId === undefined || r.json.data.campaign?.id === campaignId)
    .map((r) => r.json.type)
    .sort();

describe('outgoing webhooks (private targets allowed, as for a receiver on this machine)', () => {
  let t: TestApp;
  let ds: DataSource;
  let receiver: Receiver;

  const createWebhook = async (body: Record<string, unknown>) => {
    const created = await t.api().post('/api/webhooks').send(body);
    if (created.status !== 201)
      throw new Error(`creating the webhook failed: ${created.status} ${JSON.stringify(created.body)}`);
    return created.body as { id: number; secret: string };
  };
  const delivery = (id: number) =>
    t
      .api()
      .get(`/api/webhook-deliveries/${id}`)
      .expect(200)
      .then((r) => r.body);
  const settled = (id: number, what: string) =>
    waitUntil(
      () => delivery(id),
      (d) => d.status !== 'pending',
      20_000,
      what,
    );
  /** Nothing more is on its way to the endpoint: the log is read to its end and none of its deliveries is pending. */
  const drained = (endpointId: number) =>
    waitUntil(
      async () => {
        const [head] = await rows<{ n: unknown }>(t, 'SELECT MAX(id) AS n FROM events');
        const [cursor] = await rows<{ n: unknown }>(
          t,
          "SELECT last_id AS n FROM event_cursors WHERE name = 'webhooks'",
        );
        const [pending] = await rows<{ n: unknown }>(
          t,
          "SELECT COUNT(*) AS n FROM webhook_deliveries WHERE endpoint_id = ? AND status = 'pending'",
          [endpointId],
        );
        return Number(cursor?.n ?? 0) >= Number(head?.n ?? 0) && Number(pending.n) === 0;
      },
      (done) => done,
      20_000,
      `the deliveries of webhook ${endpointId} to settle`,
    );
  const arrived = (path: string, n: number, what: string, campaignId?: number) =>
    waitUntil(
      async () => typesAt(receiver, path, campaignId),
      (types) => types.length >= n,
      20_000,
      what,
    );

  beforeAll(async () => {
    receiver = await new Receiver().start();
    t = await startTestApp({
      env: {
        SCHEDULER_TICK_MS: '200',
        WEBHOOKS_ALLOW_PRIVATE: 'true',
        WEBHOOKS_RETRY_BASE_SECONDS: '0.2',
        WEBHOOKS_TIMEOUT_SECONDS: '2',
        WEBHOOKS_MAX_ATTEMPTS: '3',
        WEBHOOKS_DISABLE_AFTER_FAILURES: '2',
        MACHINE_OPEN_WINDOW_SECONDS: '0',
        MACHINE_CLICK_WINDOW_SECONDS: '0',
      },
    });
    ds = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  it('creates an endpoint with a secret shown once, and refuses bad input with sentences', async () => {
    const created = await t
      .api()
      .post('/api/webhooks')
      .send({ name: 'CRM', url: receiver.url('/crm') })
      .expect(201);
    expect(created.body).toMatchObject({
      name: 'CRM',
      url: receiver.url('/crm'),
      events: ['*'],
      enabled: true,
      includeMachine: false,
      consecutiveFailures: 0,
    });
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const shown = (await t.api().get(`/api/webhooks/${created.body.id}`).expect(200)).body;
    expect(shown.secret).toBeUndefined();
    expect(shown.secretHint).toBe(`whsec_…${created.body.secret.slice(-4)}`);

    const refused = async (body: Record<string, unknown>, message: RegExp) => {
      const answer = await t
        .api()
        .post('/api/webhooks')
        .send({ name: 'x', url: receiver.url('/x'), ...body })
        .expect(400);
      expect(answer.body.message).toMatch(message);
    };
    await refused(
      { events: ['opened'] },
      /^events must list event names \(delivery\.sent, delivery\.bounced, open, click,.*\) or be \["\*"\] for every event$/,
    );
    await refused({ events: [] }, /events must name at least one event/);
    await refused({ name: '' }, /name must not be empty: give the webhook a name/);
    await refused({ secret: 'short' }, /secret must be at least 16 characters long/);
    await refused(
      { url: 'ftp://127.0.0.1/x' },
      /^The webhook URL must start with http:\/\/ or https:\/\/ \(got "ftp:\/\/…"\)$/,
    );
    await refused({ url: 'not a url' }, /^The webhook URL is not a valid web address/);
    await refused({ colour: 'red' }, /colour is not a known field/);
    await t.api().delete(`/api/webhooks/${created.body.id}`).expect(204);
    await t.api().get(`/api/webhooks/${created.body.id}`).expect(404);

    const names = (await t.api().get('/api/webhooks/events').expect(200)).body.map((e: { name: string }) => e.name);
    expect(names).toEqual([
      'delivery.sent',
      'delivery.bounced',
      'open',
      'click',
      'unsubscribe',
      'complaint',
      'poll.answered',
      'contest.entered',
      'gift.claimed',
      'coupon.redeemed',
      'trial.started',
      'trial.converted',
      'service.requested',
      'score.class_changed',
    ]);
  });

  it('signs every delivery, retries after a 500 with the same body, and logs both attempts', async () => {
    const hook = await createWebhook({ name: 'Billing', url: receiver.url('/billing'), events: ['trial.converted'] });
    receiver.answer('/billing', 500, 200);
    const audience = await createAudience(t, 1);
    await t
      .api()
      .post('/api/events/conversions')
      .set('Idempotency-Key', 'conv-webhook-1')
      .send({ subscriberId: audience.subscriberIds[0], plan: 'pro', amount: 49, currency: 'EUR' })
      .expect(201);

    await waitUntil(
      async () => receiver.at('/billing').length,
      (n) => n >= 2,
      20_000,
      'the retry',
    );
    const [first, second] = receiver.at('/billing');
    expect(first.body).toBe(second.body);
    expect(verified(hook.secret, first)).toBe(true);
    expect(verified(hook.secret, second)).toBe(true);
    expect(verified('whsec_someone-else', second)).toBe(false);
    expect(second.headers['x-valuemail-event']).toBe('trial.converted');
    expect(second.headers['x-valuemail-delivery']).toBe(String(second.json.id));
    expect(second.json).toMatchObject({
      type: 'trial.converted',
      data: {
        subscriber: { id: audience.subscriberIds[0], email: audience.emails[0] },
        campaign: null,
        plan: 'pro',
        amount: 49,
        currency: 'EUR',
      },
    });

    const log = (await t.api().get(`/api/webhooks/${hook.id}/deliveries`).expect(200)).body;
    expect(log).toMatchObject({ total: 1, page: 1, limit: 50 });
    const [entry] = log.items;
    await settled(entry.id, 'the delivery');
    const done = await delivery(entry.id);
    expect(done).toMatchObject({
      id: second.json.id,
      event: 'trial.converted',
      status: 'delivered',
      attempts: 2,
      maxAttempts: 3,
      lastStatusCode: 200,
      lastError: null,
    });
    expect(done.attemptLog).toEqual([
      expect.objectContaining({
        statusCode: 500,
        error: 'HTTP 500',
        responseExcerpt: 'receiver says 500',
        address: '127.0.0.1',
      }),
      expect.objectContaining({ statusCode: 200, error: null, responseExcerpt: 'ok' }),
    ]);
    // Base 0.2 s with equal jitter: the retry waited between 0.1 and 0.2 s (plus queue latency).
    expect(
      new Date(done.attemptLog[1].at).getTime() - new Date(done.attemptLog[0].at).getTime(),
    ).toBeGreaterThanOrEqual(100);
    expect((await t.api().get(`/api/webhooks/${hook.id}/deliveries?status=failed`).expect(200)).body.total).toBe(0);
    expect((await t.api().get(`/api/webhooks/${hook.id}/deliveries?status=sent`).expect(400)).body.message).toBe(
      'status must be one of pending, delivered, failed, skipped',
    );
  });

  it('announces a real campaign and the interactions through its received links, filtered per endpoint', async () => {
    const all = await createWebhook({ name: 'Everything', url: receiver.url('/all') });
    await createWebhook({ name: 'Polls only', url: receiver.url('/polls'), events: ['poll.answered'] });
    await createWebhook({
      name: 'Clicks incl. machines',
      url: receiver.url('/clicks'),
      events: ['click'],
      includeMachine: true,
    });
    const audience = await createAudience(t, 2);

    const poll = await sendKindCampaign(t, 'poll', sampleContent('poll'), audience.listId);
    const nine = linksIn(t, htmlFor(t, audience.emails[0]), 'p').find((l) => l.endsWith('/9'))!;
    await actAsPerson(t, [nine]);
    // The answer also makes the subscriber a promoter and warm (an answer is engagement): the score consumer announces both class changes.
    expect(await arrived('/all', 5, 'the poll webhooks', poll)).toEqual([
      'delivery.sent',
      'delivery.sent',
      'poll.answered',
      'score.class_changed',
      'score.class_changed',
    ]);
    const answered = receiver.at('/all').find((r) => r.json.type === 'poll.answered')!;
    expect(verified(all.secret, answered)).toBe(true);
    expect(answered.json.data).toMatchObject({
      subscriber: { id: audience.subscriberIds[0], email: audience.emails[0] },
      campaign: { id: poll, name: 'poll test', kind: 'poll' },
      value: '9',
    });
    expect(typeof answered.json.data.deliveryId).toBe('number');
    expect(typesAt(receiver, '/polls')).toEqual(['poll.answered']);

    const knowledge = await sendKindCampaign(t, 'knowledge', sampleContent('knowledge'), audience.listId);
    // The second mail each of them got.
    const knowledgeHtml = (i: number) => String(t.sink.to(audience.emails[i]).at(-1)!.parsed.html);
    const linksOf = (i: number) => linksIn(t, knowledgeHtml(i), 'r');
    await t.http().get(linksOf(0)[1]).set('User-Agent', UA.chrome).expect(302);
    await t.http().get(linksOf(1)[0]).set('User-Agent', UA.curl).expect(302);
    const unsubscribe = linksIn(t, knowledgeHtml(1), 'u')[0];
    await postForm(t, unsubscribe, { 'List-Unsubscribe': 'One-Click' }).expect(200);

    // Human: sent ×2, the implied open and the click of the first reader (already warm from the answer: no class change), the unsubscribe.
    // The curl click (and its open) is a machine's.
    expect(await arrived('/all', 5, 'the knowledge webhooks', knowledge)).toEqual([
      'click',
      'delivery.sent',
      'delivery.sent',
      'open',
      'unsubscribe',
    ]);
    const click = receiver.at('/all').find((r) => r.json.type === 'click')!;
    expect(click.json.data).toMatchObject({
      subscriber: { id: audience.subscriberIds[0] },
      campaign: { id: knowledge, kind: 'knowledge' },
      index: 1,
      machine: false,
    });
    expect(click.json.data.url).toMatch(/^https:\/\//);
    const left = receiver.at('/all').find((r) => r.json.type === 'unsubscribe')!;
    expect(left.json.data).toMatchObject({
      subscriber: { id: audience.subscriberIds[1], email: audience.emails[1] },
      campaign: { id: knowledge },
      scope: 'all',
      listIds: [audience.listId],
      method: 'one_click',
    });

    const clicks = await waitUntil(
      async () => receiver.at('/clicks'),
      (r) => r.length >= 2,
      20_000,
      'both clicks',
    );
    expect(
      clicks.map((r) => [r.json.data.subscriber.id, r.json.data.machine, r.json.data.machineReason]).sort(),
    ).toEqual(
      [
        [audience.subscriberIds[0], false, undefined],
        [audience.subscriberIds[1], true, 'scanner_user_agent'],
      ].sort(),
    );
    expect(typesAt(receiver, '/polls')).toEqual(['poll.answered']);

    // Erasure: what was delivered keeps ids only, in the log too.
    await t.api().delete(`/api/subscribers/${audience.subscriberIds[0]}?erase=true`).expect(204);
    const [row] = await rows<{ id: number }>(
      t,
      "SELECT id FROM webhook_deliveries WHERE endpoint_id = ? AND event = 'poll.answered'",
      [all.id],
    );
    const erased = await delivery(Number(row.id));
    expect(erased.payload.data).toEqual({
      subscriber: { id: audience.subscriberIds[0], email: null, externalId: null, erased: true },
      campaign: { id: poll, name: 'poll test', kind: 'poll' },
    });
    expect(erased.attemptLog[0].responseExcerpt).toBeNull();
  });

  it('announces bounces at send time and from a DSN, and complaints', async () => {
    const deliverability = await createWebhook({
      name: 'Deliverability',
      url: receiver.url('/bounces'),
      events: ['delivery.bounced', 'complaint'],
    });
    const audience = await createAudience(t, 3);
    t.sink.responder = ({ rcptTo }) =>
      rcptTo[0] === audience.emails[0] ? { code: 550, message: '5.1.1 No such user' } : undefined;
    const gift = await sendKindCampaign(t, 'gift', sampleContent('gift'), audience.listId);
    t.sink.responder = undefined;
    for (const [i, report] of [
      [1, dsnMessage],
      [2, arfMessage],
    ] as const) {
      const mail = t.sink.to(audience.emails[i])[0];
      await t
        .api()
        .post('/api/bounces')
        .send({
          message: report({ to: mail.envelopeFrom, recipient: audience.emails[i], messageId: mail.parsed.messageId! }),
        })
        .expect(200);
    }
    const got = await waitUntil(
      async () => receiver.at('/bounces'),
      (r) => r.length >= 3,
      20_000,
      'the bounce webhooks',
    );
    const bySubscriber = new Map(got.map((r) => [r.json.data.subscriber.id, r.json]));
    expect(bySubscriber.get(audience.subscriberIds[0])).toMatchObject({
      type: 'delivery.bounced',
      data: { campaign: { id: gift, kind: 'gift' }, bounceClass: 'hard', status: '5.1.1', atSend: true },
    });
    expect(bySubscriber.get(audience.subscriberIds[1])).toMatchObject({
      type: 'delivery.bounced',
      data: { campaign: { id: gift }, bounceClass: 'hard', status: '5.1.1' },
    });
    expect(bySubscriber.get(audience.subscriberIds[2])).toMatchObject({
      type: 'complaint',
      data: { campaign: { id: gift }, subscriber: { email: audience.emails[2] } },
    });
    await drained(deliverability.id);
    expect(receiver.at('/bounces')).toHaveLength(3);
  });

  it('starts a new endpoint at the end of the log: no history', async () => {
    const audience = await createAudience(t, 1);
    await t.app.get(EventWriter).record({
      type: 'gift_claimed',
      subscriberId: audience.subscriberIds[0],
      occurredAt: new Date(),
      data: { giftType: 'code' },
    });
    const late = await createWebhook({ name: 'Late', url: receiver.url('/late'), events: ['gift.claimed'] });
    await t.app.get(EventWriter).record({
      type: 'gift_claimed',
      subscriberId: audience.subscriberIds[0],
      occurredAt: new Date(),
      data: { giftType: 'shipped' },
    });
    await arrived('/late', 1, 'the new gift claim');
    await drained(late.id);
    expect(receiver.at('/late').map((r) => r.json.data.giftType)).toEqual(['shipped']);
    expect((await t.api().get(`/api/webhooks/${late.id}/deliveries`).expect(200)).body.total).toBe(1);
  });

  it('announces score class changes written in the score transaction, and nothing when it rolls back', async () => {
    const hook = await createWebhook({
      name: 'NPS alerts',
      url: receiver.url('/nps'),
      events: ['score.class_changed'],
    });
    const audience = await createAudience(t, 1);
    const subscriberId = audience.subscriberIds[0];
    // Machine-flagged, so the live score consumer leaves it alone and only the changes notified by hand below are announced.
    await t.app.get(EventWriter).record({
      type: 'poll_answered',
      subscriberId,
      occurredAt: new Date(),
      data: { value: '3', pollType: 'nps' },
      machine: true,
      dedupeKey: 'scc-test',
    });
    const [event] = await rows<{ id: number }>(t, "SELECT id FROM events WHERE dedupe_key = 'scc-test'");
    const hooks = t.app.get(ScoreClassChangeHooks);
    const change = {
      subscriberId,
      score: 'nps' as const,
      from: 'passive',
      to: 'detractor',
      eventId: Number(event.id),
      occurredAt: new Date('2026-03-01T09:00:00Z'),
    };

    await expect(
      ds.transaction(async (tx) => {
        await hooks.notify([{ ...change, to: 'promoter' }], tx);
        throw new Error('score update failed');
      }),
    ).rejects.toThrow('score update failed');
    await ds.transaction((tx) => hooks.notify([change], tx));

    const [received] = await waitUntil(
      async () => receiver.at('/nps'),
      (r) => r.length >= 1,
      20_000,
      'the class change',
    );
    expect(verified(hook.secret, received)).toBe(true);
    expect(received.json).toMatchObject({
      type: 'score.class_changed',
      occurredAt: '2026-03-01T09:00:00.000Z',
      data: {
        subscriber: { id: subscriberId, email: audience.emails[0] },
        campaign: null,
        score: 'nps',
        from: 'passive',
        to: 'detractor',
        causedByEventId: Number(event.id),
      },
    });
    await drained(hook.id);
    expect(receiver.at('/nps')).toHaveLength(1);
  });

  it('disables an endpoint that answers 410 Gone, and one whose deliveries keep failing; redelivers by hand', async () => {
    const gone = await createWebhook({ name: 'Old CRM', url: receiver.url('/gone') });
    receiver.answer('/gone', 410);
    const ping = (await t.api().post(`/api/webhooks/${gone.id}/test`).expect(202)).body;
    expect(ping).toMatchObject({
      event: 'ping',
      status: 'pending',
      manual: true,
      maxAttempts: 1,
      payload: { type: 'ping', data: { webhook: { id: gone.id, name: 'Old CRM' } } },
    });
    expect(await settled(ping.id, 'the ping')).toMatchObject({ status: 'failed', lastStatusCode: 410 });
    const disabled = (await t.api().get(`/api/webhooks/${gone.id}`).expect(200)).body;
    expect(disabled).toMatchObject({ enabled: false, consecutiveFailures: 1 });
    expect(disabled.disabledReason).toMatch(
      /^The receiver answered 410 Gone on \d{4}-\d\d-\d\dT.*: it asked us to stop sending\.$/,
    );
    expect(verified(gone.secret, receiver.at('/gone')[0])).toBe(true);

    const down = await createWebhook({ name: 'Flaky', url: receiver.url('/down') });
    receiver.answer('/down', 503);
    for (let i = 0; i < 2; i++) {
      const p = (await t.api().post(`/api/webhooks/${down.id}/test`).expect(202)).body;
      expect(await settled(p.id, 'a failing ping')).toMatchObject({
        status: 'failed',
        lastError: 'HTTP 503',
        attempts: 1,
      });
    }
    const tired = (await t.api().get(`/api/webhooks/${down.id}`).expect(200)).body;
    expect(tired).toMatchObject({
      enabled: false,
      consecutiveFailures: 2,
      disabledReason: 'Disabled after 2 deliveries in a row failed (the last: HTTP 503).',
    });

    // The receiver is back: redeliver the last one by hand, then enable the endpoint again.
    receiver.answer('/down', 200);
    const [last] = (await t.api().get(`/api/webhooks/${down.id}/deliveries?status=failed&limit=1`).expect(200)).body
      .items;
    const again = (await t.api().post(`/api/webhook-deliveries/${last.id}/retry`).expect(202)).body;
    expect(again).toMatchObject({ status: 'pending', maxAttempts: 2 });
    expect(await settled(last.id, 'the redelivery')).toMatchObject({ status: 'delivered', attempts: 2 });
    const bodies = receiver
      .at('/down')
      .filter((r) => r.json.id === last.id)
      .map((r) => r.body);
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toBe(bodies[1]);
    await t.api().post(`/api/webhook-deliveries/${last.id}/retry`).expect(202);
    await settled(last.id, 'the second redelivery');
    const enabled = (await t.api().patch(`/api/webhooks/${down.id}`).send({ enabled: true }).expect(200)).body;
    expect(enabled).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0 });
    await t.api().post('/api/webhook-deliveries/999999/retry').expect(404);
  });

  it('skips what is still waiting when an endpoint is disabled by hand', async () => {
    const hook = await createWebhook({ name: 'Paused', url: receiver.url('/paused'), events: ['gift.claimed'] });
    const inAnHour =
      ds.options.type === 'postgres' ? "now() + interval '1 hour'" : "strftime('%Y-%m-%d %H:%M:%f', 'now', '+1 hour')";
    // A delivery whose next retry is an hour away (its job waits in the queue).
    await ds.query(
      sql(
        ds,
        `INSERT INTO webhook_deliveries (endpoint_id, event, source_key, data, occurred_at, status, attempts, max_attempts, manual, next_attempt_at)
      VALUES (?, 'gift.claimed', 'test:waiting', '{}', ${inAnHour}, 'pending', 2, 8, ?, ${inAnHour})`,
      ),
      [hook.id, ds.options.type === 'postgres' ? false : 0],
    );
    await t.app.get(WebhookOutbox).flush();
    const [waiting] = (await t.api().get(`/api/webhooks/${hook.id}/deliveries?status=pending`).expect(200)).body.items;
    expect(new Date(waiting.nextAttemptAt).getTime()).toBeGreaterThan(Date.now() + 3000_000);

    await t.api().patch(`/api/webhooks/${hook.id}`).send({ enabled: false }).expect(200);
    expect(await delivery(waiting.id)).toMatchObject({
      status: 'skipped',
      lastError: 'Not sent: the webhook was disabled',
      nextAttemptAt: null,
    });
    // Enabled again, it receives new events only; what was skipped stays skipped (redeliver by hand if needed).
    await t.api().patch(`/api/webhooks/${hook.id}`).send({ enabled: true }).expect(200);
    expect((await delivery(waiting.id)).status).toBe('skipped');
    expect(receiver.at('/paused')).toHaveLength(0);
  });

  it('sweeps deliveries whose enqueue was lost in a crash, and ones whose job vanished', async () => {
    const hook = await createWebhook({ name: 'Sweep', url: receiver.url('/sweep'), events: ['gift.claimed'] });
    const tenMinutesAgo =
      ds.options.type === 'postgres'
        ? "now() - interval '10 minutes'"
        : "strftime('%Y-%m-%d %H:%M:%f', 'now', '-10 minutes')";
    const insert = (note: string, queued: boolean) =>
      ds.query(
        sql(
          ds,
          `INSERT INTO webhook_deliveries
      (endpoint_id, event, source_key, data, occurred_at, status, attempts, max_attempts, manual, queued_at, next_attempt_at)
      VALUES (?, 'gift.claimed', ?, ?, ${tenMinutesAgo}, 'pending', 0, 3, ?, ${queued ? tenMinutesAgo : 'NULL'}, ${queued ? tenMinutesAgo : 'NULL'})`,
        ),
        [hook.id, `test:${note}`, JSON.stringify({ note }), ds.options.type === 'postgres' ? false : 0],
      );
    // Committed, then the process died before enqueueing; and queued long ago, its job lost with Redis.
    await insert('crash', false);
    await insert('lost', true);
    const swept = await t.app.get(WebhookOutbox).sweep();
    expect(swept.recovered).toBe(1);
    const notes = await waitUntil(
      async () =>
        receiver
          .at('/sweep')
          .map((r) => r.json.data.note)
          .sort(),
      (n) => n.length >= 2,
      20_000,
      'the swept deliveries',
    );
    expect(notes).toEqual(['crash', 'lost']);
  });
});

describe('outgoing webhooks: SSRF protection (default configuration)', () => {
  let t: TestApp;
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await new Receiver().start();
    t = await startTestApp({ env: { SCHEDULER_TICK_MS: '200' } });
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  it.each([
    ['http://127.0.0.1:8080/hook', 'The webhook URL points to 127.0.0.1, a loopback address (this machine).'],
    ['http://10.0.0.1/hook', 'The webhook URL points to 10.0.0.1, an address on a private network.'],
    [
      'http://169.254.169.254/latest/meta-data',
      'The webhook URL points to 169.254.169.254, a link-local address (used for cloud metadata services).',
    ],
    ['http://[::1]:8080/hook', 'The webhook URL points to ::1, a loopback address (this machine).'],
    ['http://localhost:8080/hook', 'The host localhost of the webhook URL resolves to'],
  ])('refuses %s with a 400 that says why', async (url, sentence) => {
    const answer = await t.api().post('/api/webhooks').send({ name: 'Internal', url }).expect(400);
    expect(answer.body).toMatchObject({ statusCode: 400, code: 'target_refused' });
    expect(answer.body.message).toContain(sentence);
    expect(answer.body.message).toMatch(/WEBHOOKS_ALLOW_PRIVATE=true or WEBHOOKS_ALLOWED_CIDRS\.$/);
  });

  it('refuses a private target on update too', async () => {
    const ds = t.app.get(DataSource);
    const [row] = await ds.query(
      sql(
        ds,
        `INSERT INTO webhook_endpoints (name, url, secret, description, events, include_machine, enabled, consecutive_failures, start_after_event_id)
      VALUES ('Public', 'https://hooks.example.com/in', 'whsec_0123456789abcdef', '', '["*"]', ?, ?, 0, 0) RETURNING id`,
      ),
      ds.options.type === 'postgres' ? [false, true] : [0, 1],
    );
    const answer = await t.api().patch(`/api/webhooks/${row.id}`).send({ url: 'http://192.168.1.10/hook' }).expect(400);
    expect(answer.body.message).toMatch(
      /^The webhook URL points to 192\.168\.1\.10, an address on a private network\./,
    );
  });

  it('checks again at delivery time and never connects to a refused address', async () => {
    // Saved when it was allowed (or its DNS answer changed since): the attempt must still refuse it.
    const ds = t.app.get(DataSource);
    const [row] = await ds.query(
      sql(
        ds,
        `INSERT INTO webhook_endpoints (name, url, secret, description, events, include_machine, enabled, consecutive_failures, start_after_event_id)
      VALUES ('Rebound', ?, 'whsec_0123456789abcdef', '', '["*"]', ?, ?, 0, 0) RETURNING id`,
      ),
      [receiver.url('/inside'), ...(ds.options.type === 'postgres' ? [false, true] : [0, 1])],
    );
    const ping = (await t.api().post(`/api/webhooks/${row.id}/test`).expect(202)).body;
    const done = await waitUntil(
      () =>
        t
          .api()
          .get(`/api/webhook-deliveries/${ping.id}`)
          .then((r) => r.body),
      (d) => d.status !== 'pending',
      20_000,
      'the refused ping',
    );
    expect(done).toMatchObject({ status: 'failed', lastStatusCode: null });
    expect(done.lastError).toMatch(
      /^Refused: The webhook URL points to 127\.0\.0\.1, a loopback address \(this machine\)\./,
    );
    expect(done.attemptLog).toEqual([expect.objectContaining({ address: null, statusCode: null, durationMs: 0 })]);
    expect(receiver.received).toHaveLength(0);
  });
});
