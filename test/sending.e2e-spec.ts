import { DataSource } from 'typeorm';
import { addToList, countBy, createAudience, waitUntil } from './support/fixtures';
import { holdClock } from './support/kinds';
import { queuesIdle } from './support/queues';
import { rawHeader, SmtpSink } from './support/smtp-sink';
import { sampleContent } from '../src/kinds/kind-content.registry';
import { SEND_QUEUE } from '../src/sending/sending.queues';
import { startTestApp, TestApp } from './support/test-app';

const pollCampaign = (listIds: number[], extra: Record<string, unknown> = {}) => ({
  kind: 'poll',
  name: 'NPS after purchase',
  subject: 'Hoe was het, {{subscriber.name}}?',
  fromName: 'Webshop',
  fromEmail: 'news@shop.example',
  audience: { listIds },
  content: sampleContent('poll'),
  ...extra,
});

describe('campaign sending (real worker, Redis, database and SMTP sink)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { SEND_RETRY_BASE_MS: '100', SCHEDULER_TICK_MS: '200', SEND_LEASE_MS: '3000' } });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(() => {
    t.sink.received.length = 0;
    t.sink.responder = undefined;
  });

  const progress = (id: number) =>
    t
      .api()
      .get(`/api/campaigns/${id}/progress`)
      .then((r) => r.body);
  const finished = (id: number) =>
    waitUntil(
      () => progress(id),
      (p) => p.status === 'finished',
      60_000,
      `campaign ${id} to finish`,
    );

  it('sends each recipient exactly one message with unsubscribe, list and feedback headers', async () => {
    const audience = await createAudience(t, 60);
    const created = await t
      .api()
      .post('/api/campaigns')
      .send(pollCampaign([audience.listId]))
      .expect(201);
    expect(created.body.status).toBe('draft');
    await t.api().post(`/api/campaigns/${created.body.id}/send`).expect(200);
    const done = await finished(created.body.id);
    expect(done).toMatchObject({ total: 60, sent: 60, failed: 0, suppressed: 0, uncertain: 0, queued: 0 });
    expect(t.sink.received).toHaveLength(60);
    expect([...countBy(t.sink.received, (m) => m.envelopeTo[0]).values()].every((n) => n === 1)).toBe(true);
    const mail = t.sink.to(audience.emails[7])[0];
    expect(mail.parsed.subject).toBe('Hoe was het, Klant 7?');
    expect(mail.parsed.from?.value[0]).toEqual({ name: 'Webshop', address: 'news@shop.example' });
    expect(mail.envelopeFrom).toMatch(/^bounces\+\d+-[0-9a-f]{12}@127\.0\.0\.1$/);
    expect(rawHeader(mail, 'list-unsubscribe')).toMatch(
      /^<http:\/\/127\.0\.0\.1:\d+\/u\/[A-Za-z0-9_-]+>, <mailto:unsubscribe\+\d+-[0-9a-f]{12}@/,
    );
    expect(rawHeader(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(rawHeader(mail, 'list-id')).toBe(`<list-${audience.listId}.127.0.0.1>`);
    expect(rawHeader(mail, 'feedback-id')).toBe(`${created.body.id}:poll:valuemail:127.0.0.1`);
    const ds = t.app.get(DataSource);
    const [row] = await ds.query(
      ds.options.type === 'postgres'
        ? 'SELECT id, message_id FROM deliveries WHERE campaign_id = $1 AND subscriber_id = $2'
        : 'SELECT id, message_id FROM deliveries WHERE campaign_id = ? AND subscriber_id = ?',
      [created.body.id, audience.subscriberIds[7]],
    );
    expect(mail.parsed.messageId).toBe(`<d${row.id}.c${created.body.id}@127.0.0.1>`);
    expect(row.message_id).toBe(mail.parsed.messageId);
  });

  it('sends one message to a subscriber on three lists of the audience', async () => {
    const a = await createAudience(t, 5);
    const b = await createAudience(t, 5);
    const c = await createAudience(t, 5);
    await addToList(t, b.listId, [a.subscriberIds[0]]);
    await addToList(t, c.listId, [a.subscriberIds[0]]);
    const created = await t
      .api()
      .post('/api/campaigns')
      .send(pollCampaign([a.listId, b.listId, c.listId]))
      .expect(201);
    await t.api().post(`/api/campaigns/${created.body.id}/send`).expect(200);
    const done = await finished(created.body.id);
    expect(done.sent).toBe(15);
    expect(t.sink.to(a.emails[0])).toHaveLength(1);
  });

  it('retries 451 until delivered, fails and suppresses 550 without retrying', async () => {
    const audience = await createAudience(t, 40);
    const attempts = new Map<string, number>();
    const temporary = new Set(audience.emails.filter((_, i) => i % 10 === 3));
    const rejected = new Set([audience.emails[5], audience.emails[15]]);
    t.sink.responder = ({ rcptTo }) => {
      const to = rcptTo[0];
      attempts.set(to, (attempts.get(to) ?? 0) + 1);
      if (rejected.has(to)) return { code: 550, message: '5.1.1 No such user' };
      if (temporary.has(to) && attempts.get(to)! <= 2) return { code: 451, message: '4.3.0 Try again later' };
      return undefined;
    };
    const created = await t
      .api()
      .post('/api/campaigns')
      .send(pollCampaign([audience.listId]))
      .expect(201);
    await t.api().post(`/api/campaigns/${created.body.id}/send`).expect(200);
    const done = await finished(created.body.id);
    expect(done).toMatchObject({ total: 40, sent: 38, failed: 2 });
    for (const email of temporary) {
      expect(t.sink.to(email)).toHaveLength(1);
      expect(attempts.get(email)).toBe(3);
    }
    for (const email of rejected) {
      expect(t.sink.to(email)).toHaveLength(0);
      expect(attempts.get(email)).toBe(1);
    }
    const ds = t.app.get(DataSource);
    const statuses = await ds.query(
      ds.options.type === 'postgres'
        ? 'SELECT status FROM subscribers WHERE email = ANY($1)'
        : `SELECT status FROM subscribers WHERE email IN (?, ?)`,
      ds.options.type === 'postgres' ? [[...rejected]] : [...rejected],
    );
    expect(statuses.map((s: { status: string }) => s.status)).toEqual(['bounced', 'bounced']);
    const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM suppressions');
    expect(Number(n)).toBeGreaterThanOrEqual(2);
  });

  it('refuses illegal transitions, edits of non-drafts and unknown lists with clear messages', async () => {
    const audience = await createAudience(t, 3);
    const unknown = await t
      .api()
      .post('/api/campaigns')
      .send(pollCampaign([audience.listId, 99999]))
      .expect(404);
    expect(unknown.body.message).toBe('audience names list(s) that do not exist: 99999');
    const badKind = await t
      .api()
      .post('/api/campaigns')
      .send({ ...pollCampaign([audience.listId]), kind: 'lottery' })
      .expect(400);
    expect(badKind.body.message).toContain('kind must be one of discount, loyalty');
    const created = await t
      .api()
      .post('/api/campaigns')
      .send(pollCampaign([audience.listId]))
      .expect(201);
    const pause = await t.api().post(`/api/campaigns/${created.body.id}/pause`).expect(409);
    expect(pause.body.message).toBe('A draft campaign cannot be asked to pause.');
    await t.api().post(`/api/campaigns/${created.body.id}/send`).expect(200);
    await finished(created.body.id);
    const again = await t.api().post(`/api/campaigns/${created.body.id}/send`).expect(409);
    expect(again.body.message).toContain('finished');
    const edit = await t.api().patch(`/api/campaigns/${created.body.id}`).send({ subject: 'x' }).expect(409);
    expect(edit.body.message).toContain('Only a draft can be edited');
    const past = await t
      .api()
      .post('/api/campaigns')
      .send({ ...pollCampaign([audience.listId]), scheduledAt: '2020-01-01T10:00:00Z' })
      .expect(400);
    expect(past.body.message).toContain('is in the past');
  });

  it('starts a scheduled campaign once, however many "send now" calls race the scheduler', async () => {
    const audience = await createAudience(t, 30);
    const clock = holdClock(t);
    try {
      const at = new Date(clock.now() + 60_000).toISOString();
      const created = await t
        .api()
        .post('/api/campaigns')
        .send({ ...pollCampaign([audience.listId]), scheduledAt: at })
        .expect(201);
      expect(created.body.status).toBe('scheduled');
      // Due now by the app's clock: the scheduler's next tick and the "send now" calls race.
      clock.advance(60_000);
      const calls = await Promise.all([1, 2, 3].map(() => t.api().post(`/api/campaigns/${created.body.id}/send`)));
      expect(calls.filter((r) => r.status === 200).length).toBeLessThanOrEqual(1);
      expect(calls.every((r) => r.status === 200 || r.status === 409)).toBe(true);
      const done = await finished(created.body.id);
      expect(done.sent).toBe(30);
      expect(t.sink.received).toHaveLength(30);
      expect(new Set(t.sink.received.map((m) => m.envelopeTo[0])).size).toBe(30);
    } finally {
      clock.release();
    }
  });

  it('pauses and resumes 20 times with no duplicate and no one missing', async () => {
    const audience = await createAudience(t, 600);
    const created = await t
      .api()
      .post('/api/campaigns')
      .send(pollCampaign([audience.listId]))
      .expect(201);
    const id = created.body.id;
    await t.api().post(`/api/campaigns/${id}/send`).expect(200);
    for (let i = 0; i < 20; i++) {
      // Each pause lands mid-send: after at least one more message reached the relay since the last one.
      const before = t.sink.received.length;
      await waitUntil(
        async () => t.sink.received.length > before || (await progress(id)).status === 'finished',
        (moved) => moved,
        20_000,
        'the campaign to send more',
      );
      const paused = await t.api().post(`/api/campaigns/${id}/pause`);
      if (paused.status === 409) break; // already finished
      await t.api().post(`/api/campaigns/${id}/resume`).expect(200);
    }
    const done = await finished(id);
    expect(done.sent).toBe(600);
    // No send batch still on its way that could send a message twice (the campaigns queue always holds the tick).
    await queuesIdle(t, [SEND_QUEUE]);
    expect(t.sink.received).toHaveLength(600);
    expect(new Set(t.sink.received.map((m) => m.envelopeTo[0])).size).toBe(600);
  });

  it('does not mail subscribers who unsubscribe while the campaign is sending', async () => {
    const audience = await createAudience(t, 700);
    t.sink.responder = () => undefined;
    const created = await t
      .api()
      .post('/api/campaigns')
      .send(pollCampaign([audience.listId]))
      .expect(201);
    const id = created.body.id;
    await t.api().post(`/api/campaigns/${id}/send`).expect(200);
    await t.sink.waitFor(200);
    const ds = t.app.get(DataSource);
    const received = new Set(t.sink.received.map((m) => m.envelopeTo[0]));
    const leaving = audience.subscriberIds.filter((_, i) => !received.has(audience.emails[i])).slice(-200);
    const placeholders = leaving.map((_, i) => (ds.options.type === 'postgres' ? `$${i + 1}` : '?')).join(',');
    await ds.query(`UPDATE subscribers SET status = 'unsubscribed' WHERE id IN (${placeholders})`, leaving);
    const done = await finished(id);
    const leavingEmails = new Set(leaving.map((sid) => audience.emails[audience.subscriberIds.indexOf(sid)]));
    const wronglyMailed = t.sink.received.filter((m) => leavingEmails.has(m.envelopeTo[0]));
    expect(wronglyMailed).toHaveLength(0);
    expect(done.sent + done.suppressed).toBe(700);
    expect(done.suppressed).toBeGreaterThanOrEqual(1);
  });
});

describe('campaign content, preview and test sends', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses content that does not fit the kind, naming the field', async () => {
    const audience = await createAudience(t, 1);
    const res = await t
      .api()
      .post('/api/campaigns')
      .send({ ...pollCampaign([audience.listId]), content: { ...sampleContent('poll'), type: 'stars' } })
      .expect(400);
    expect(res.body.message).toMatch(/^The content is not valid for a poll campaign: content\.type/);
  });

  it('shows a sent message in the browser from its /v/ link, and /m/ leads to the preferences page', async () => {
    const audience = await createAudience(t, 1);
    const created = await t
      .api()
      .post('/api/campaigns')
      .send(pollCampaign([audience.listId]))
      .expect(201);
    await t.api().post(`/api/campaigns/${created.body.id}/send`).expect(200);
    const [mail] = await t.sink.waitFor(1);
    t.sink.received.length = 0;
    const html = String(mail.parsed.html);
    const view = new RegExp(`${t.baseUrl.replace(/[.]/g, '\\.')}(/v/[A-Za-z0-9_-]+)`).exec(html)![1];
    const shown = await t.http().get(view).expect(200);
    expect(shown.headers['content-type']).toMatch(/text\/html/);
    expect(shown.text).toContain('Klant 0');
    expect(shown.text).toContain('/p/');
    const token = view.split('/')[2];
    await t.http().get(`/m/${token}`).expect(302).expect('location', `/u/${token}`);
    const forged = await t
      .http()
      .get(`/v/${token.slice(0, -2)}xx`)
      .expect(404);
    expect(forged.text).toContain('This email is not available');
  });

  it('previews a campaign for a real subscriber and sends a test that the sink receives', async () => {
    const audience = await createAudience(t, 2);
    const created = await t
      .api()
      .post('/api/campaigns')
      .send(pollCampaign([audience.listId]))
      .expect(201);
    const preview = await t
      .api()
      .get(`/api/campaigns/${created.body.id}/preview?subscriberId=${audience.subscriberIds[1]}`)
      .expect(200);
    expect(preview.body.subject).toBe('Hoe was het, Klant 1?');
    expect(preview.body.html).toContain(`${t.baseUrl}/p/`);
    expect(preview.body.text).toContain(`${t.baseUrl}/p/`);
    await t.api().get(`/api/campaigns/${created.body.id}/preview?subscriberId=999999`).expect(404);
    const sent = await t
      .api()
      .post(`/api/campaigns/${created.body.id}/test`)
      .send({ to: ['qa@shop.example'] })
      .expect(200);
    expect(sent.body.sent).toEqual(['qa@shop.example']);
    const [mail] = await t.sink.waitFor(1);
    expect(mail.parsed.subject).toBe('[Test] Hoe was het, Sample Subscriber?');
    expect(mail.parsed.html).toContain('/p/');
    expect(mail.parsed.text).toContain('/p/');
    const bad = await t
      .api()
      .post(`/api/campaigns/${created.body.id}/test`)
      .send({ to: ['not-an-address'] })
      .expect(400);
    expect(bad.body.message).toContain('each test address must be an email address');
  });
});

describe('named SMTP transports', () => {
  let t: TestApp;
  const bulk = new SmtpSink();
  beforeAll(async () => {
    await bulk.start();
    t = await startTestApp({ env: { SMTP_TRANSPORTS: `bulk=${bulk.url}` } });
  });
  afterAll(async () => {
    await t.close();
    await bulk.stop();
  });

  it('sends a campaign through the transport it names and refuses an unknown one', async () => {
    const audience = await createAudience(t, 4);
    const unknown = await t
      .api()
      .post('/api/campaigns')
      .send({ ...pollCampaign([audience.listId]), transport: 'transactional' })
      .expect(400);
    expect(unknown.body.message).toBe('There is no SMTP transport named "transactional"; configured: default, bulk');
    const created = await t
      .api()
      .post('/api/campaigns')
      .send({ ...pollCampaign([audience.listId]), transport: 'bulk' })
      .expect(201);
    await t.api().post(`/api/campaigns/${created.body.id}/send`).expect(200);
    await waitUntil(
      () =>
        t
          .api()
          .get(`/api/campaigns/${created.body.id}/progress`)
          .then((r) => r.body),
      (p) => p.status === 'finished',
    );
    expect(bulk.received).toHaveLength(4);
    expect(t.sink.received).toHaveLength(0);
  });
});
