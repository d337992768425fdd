import request from 'supertest';
import { CONFIRMATION_QUEUE } from '../src/audience/opt-in/send-confirmation.processor';
import { SUBSCRIBE_FORM_QUEUE } from '../src/audience/opt-in/subscribe-form.processor';
import { solveProofOfWork, leadingZeroBits, proofDigest } from '../src/audience/opt-in/proof-of-work';
import { Clock } from '../src/common/clock';
import { queuesIdle } from './support/queues';
import { startTestApp, TestApp } from './support/test-app';

const HOUR = 3_600_000;
let ipCounter = 0;
// A fresh client address per request, so the per-IP limit stays out of these tests.
const nextIp = () => `198.51.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

function freezeClock(t: TestApp, at: number): (ms: number) => void {
  let now = at;
  t.app.get(Clock).now = () => new Date(now);
  return (ms) => void (now += ms);
}

describe('public subscribe form: not a relay, not an oracle', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SUBSCRIBE_CONFIRM_HOURLY_CAP: '3' } });
  });
  afterAll(async () => {
    await t.close();
  });

  const list = async (body: Record<string, unknown>) =>
    (
      await t
        .api()
        .post('/api/lists')
        .send({ name: `List ${Math.random()}`, ...body })
        .expect(201)
    ).body as { id: number; publicForm: boolean };
  const subscribe = (listId: number, body: Record<string, string>) =>
    request(t.baseUrl).post(`/public/lists/${listId}/subscribe`).set('X-Forwarded-For', nextIp()).send(body);
  const subscribeHtml = (listId: number, fields: string) =>
    request(t.baseUrl)
      .post(`/public/lists/${listId}/subscribe`)
      .set('X-Forwarded-For', nextIp())
      .type('form')
      .send(fields);
  const settle = () => queuesIdle(t, [SUBSCRIBE_FORM_QUEUE, CONFIRMATION_QUEUE]);
  const mailsTo = (address: string) => t.sink.to(address).length;
  const findSubscriber = async (email: string) =>
    (await t.api().get('/api/subscribers').query({ q: email }).expect(200)).body.items as Array<{ id: number }>;

  it('has the public form off by default; the list setting switches it', async () => {
    const created = await list({ optIn: 'double' });
    expect(created.publicForm).toBe(false);
    const opened = await t.api().patch(`/api/lists/${created.id}`).send({ publicForm: true }).expect(200);
    expect(opened.body.publicForm).toBe(true);
    expect((await t.api().get(`/api/lists/${created.id}`).expect(200)).body.publicForm).toBe(true);
    const bad = await t.api().patch(`/api/lists/${created.id}`).send({ publicForm: 'yes' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('publicForm');
  });

  it('answers byte for byte the same for new, existing, recently mailed, suppressed and honeypot addresses, unknown lists and closed forms', async () => {
    freezeClock(t, Date.now() + 100 * HOUR);
    const open = await list({ optIn: 'double', publicForm: true });
    const closed = await list({ optIn: 'double', publicForm: false });
    await t.api().post('/api/subscribers').send({ email: 'known@example.org' }).expect(201);
    const blocked = (await t.api().post('/api/subscribers').send({ email: 'blocked@example.org' }).expect(201)).body;
    await t.api().patch(`/api/subscribers/${blocked.id}`).send({ status: 'blocklisted' }).expect(200);
    await subscribe(open.id, { email: 'mailed@example.org' }).expect(200);
    await settle();
    expect(mailsTo('mailed@example.org')).toBe(1);

    const cases: Array<[string, number, Record<string, string>]> = [
      ['new address', open.id, { email: 'new@example.org', name: 'Nieuw' }],
      ['known address', open.id, { email: 'known@example.org' }],
      ['recently mailed address', open.id, { email: 'mailed@example.org' }],
      ['blocklisted address', open.id, { email: 'blocked@example.org' }],
      ['honeypot filled', open.id, { email: 'robot@example.org', homepage: 'https://spam.example' }],
      ['closed form', closed.id, { email: 'closed@example.org' }],
      ['unknown list', 987654, { email: 'unknown-list@example.org' }],
    ];
    const json = [];
    const html = [];
    for (const [what, listId, body] of cases) {
      const res = await subscribe(listId, body);
      json.push({ what, status: res.status, type: res.headers['content-type'], body: res.text });
      const page = await subscribeHtml(listId, new URLSearchParams(body).toString());
      html.push({ what, status: page.status, type: page.headers['content-type'], body: page.text });
    }
    for (const answers of [json, html]) {
      for (const answer of answers) expect({ ...answer, what: '' }).toEqual({ ...answers[0], what: '' });
    }
    expect(json[0].status).toBe(200);
    expect(JSON.parse(json[0].body)).toEqual({
      message: 'Thank you! Please check your inbox: we sent you a link to confirm your subscription.',
    });
    expect(html[0].body).toContain('Please check your inbox');

    await settle();
    expect(mailsTo('new@example.org')).toBe(1);
    for (const address of ['mailed@example.org', 'known@example.org']) expect(mailsTo(address)).toBeLessThanOrEqual(1);
    for (const address of [
      'blocked@example.org',
      'robot@example.org',
      'closed@example.org',
      'unknown-list@example.org',
    ])
      expect(mailsTo(address)).toBe(0);
    // Nobody was created from the honeypot, the closed form or the unknown list.
    for (const address of ['robot@example.org', 'closed@example.org', 'unknown-list@example.org'])
      expect(await findSubscriber(address)).toEqual([]);
    expect((await t.api().get(`/api/lists/${closed.id}/members`).expect(200)).body.total).toBe(0);
  });

  it('mails one confirmation per address per 24 hours, whatever the source address and list', async () => {
    const advance = freezeClock(t, Date.now() + 200 * HOUR);
    const first = await list({ optIn: 'double', publicForm: true });
    const second = await list({ optIn: 'double', publicForm: true });
    for (let i = 0; i < 6; i++)
      await subscribe(i % 2 ? second.id : first.id, { email: 'target@example.org' }).expect(200);
    await settle();
    expect(mailsTo('target@example.org')).toBe(1);
    advance(23 * HOUR);
    await subscribe(first.id, { email: 'target@example.org' }).expect(200);
    await settle();
    expect(mailsTo('target@example.org')).toBe(1);
    advance(2 * HOUR);
    await subscribe(first.id, { email: 'target@example.org' }).expect(200);
    await settle();
    expect(mailsTo('target@example.org')).toBe(2);
    // The mail that did go out works: the person can still confirm.
    const link = /href="([^"]*\/public\/confirm\/[A-Za-z0-9_-]+)"/.exec(
      String(t.sink.to('target@example.org')[1].parsed.html),
    )![1];
    await request(t.baseUrl).post(new URL(link).pathname).expect(200);
  });

  it('stops confirmation mails at the hourly cap and says so on the dashboard', async () => {
    const advance = freezeClock(t, Date.now() + 300 * HOUR);
    const form = await list({ optIn: 'double', publicForm: true });
    const before = (await t.api().get('/api/dashboard').expect(200)).body.attention.filter(
      (a: { type: string }) => a.type === 'confirmation_cap_reached',
    );
    expect(before).toEqual([]);
    const addresses = Array.from({ length: 5 }, (_, i) => `burst-${i}@example.org`);
    for (const email of addresses) await subscribe(form.id, { email }).expect(200);
    await settle();
    expect(addresses.reduce((n, a) => n + mailsTo(a), 0)).toBe(3);
    const items = (await t.api().get('/api/dashboard').expect(200)).body.attention.filter(
      (a: { type: string }) => a.type === 'confirmation_cap_reached',
    );
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ severity: 'warning', link: { type: 'list', id: form.id } });
    expect(items[0].message).toContain('more than 3 confirmation mails an hour');
    expect(items[0].message).toContain('2 were not sent');
    // The next hour has its own allowance.
    advance(HOUR);
    await subscribe(form.id, { email: 'next-hour@example.org' }).expect(200);
    await settle();
    expect(mailsTo('next-hour@example.org')).toBe(1);
    // A day later the item is gone.
    advance(25 * HOUR);
    expect(
      (await t.api().get('/api/dashboard').expect(200)).body.attention.filter(
        (a: { type: string }) => a.type === 'confirmation_cap_reached',
      ),
    ).toEqual([]);
  });

  it('keeps confirmations an admin asks for outside the form limits', async () => {
    freezeClock(t, Date.now() + 400 * HOUR);
    const double = await list({ optIn: 'double' });
    const ids = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (
          await t
            .api()
            .post('/api/subscribers')
            .send({ email: `imported-${i}@example.org` })
            .expect(201)
        ).body.id,
      );
    await t.api().post(`/api/lists/${double.id}/members`).send({ subscriberIds: ids }).expect(200);
    await settle();
    expect(ids.map((_, i) => mailsTo(`imported-${i}@example.org`))).toEqual([1, 1, 1, 1, 1]);
  });

  it('asks no proof of work by default', async () => {
    expect((await request(t.baseUrl).get('/public/subscribe/challenge').expect(200)).body).toEqual({
      bits: 0,
      challenge: null,
      expiresAt: null,
    });
  });
});

describe('public subscribe form with SUBSCRIBE_PROOF_OF_WORK_BITS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SUBSCRIBE_PROOF_OF_WORK_BITS: '10' } });
  });
  afterAll(async () => {
    await t.close();
  });

  const challenge = async () =>
    (await request(t.baseUrl).get('/public/subscribe/challenge').expect(200)).body as {
      bits: number;
      challenge: string;
      expiresAt: string;
    };
  const subscribe = (listId: number, body: Record<string, string>) =>
    request(t.baseUrl).post(`/public/lists/${listId}/subscribe`).set('X-Forwarded-For', nextIp()).send(body);

  it('accepts a sign-up only with a solved, genuine, unexpired challenge, once', async () => {
    const advance = freezeClock(t, Date.now());
    const listId = (
      await t.api().post('/api/lists').send({ name: 'PoW', optIn: 'double', publicForm: true }).expect(201)
    ).body.id;
    const refused = await subscribe(listId, { email: 'nopow@example.org' }).expect(400);
    expect(refused.body).toMatchObject({
      code: 'proof_of_work_failed',
      message: expect.stringContaining('reload the page'),
    });

    const c = await challenge();
    expect(c.bits).toBe(10);
    let lazy = 0;
    while (leadingZeroBits(proofDigest(c.challenge, `x${lazy}`)) >= 10) lazy++;
    await subscribe(listId, { email: 'lazy@example.org', pow_challenge: c.challenge, pow_nonce: `x${lazy}` }).expect(
      400,
    );
    const forged = `${c.challenge.slice(0, 5)}${c.challenge[5] === 'A' ? 'B' : 'A'}${c.challenge.slice(6)}`;
    await subscribe(listId, {
      email: 'forged@example.org',
      pow_challenge: forged,
      pow_nonce: solveProofOfWork(forged, 10),
    }).expect(400);

    const nonce = solveProofOfWork(c.challenge, c.bits);
    await subscribe(listId, { email: 'worker@example.org', pow_challenge: c.challenge, pow_nonce: nonce }).expect(200);
    const replay = await subscribe(listId, {
      email: 'replay@example.org',
      pow_challenge: c.challenge,
      pow_nonce: nonce,
    }).expect(400);
    expect(replay.body.code).toBe('proof_of_work_failed');

    const old = await challenge();
    advance(11 * 60_000);
    await subscribe(listId, {
      email: 'late@example.org',
      pow_challenge: old.challenge,
      pow_nonce: solveProofOfWork(old.challenge, old.bits),
    }).expect(400);

    await queuesIdle(t, [SUBSCRIBE_FORM_QUEUE, CONFIRMATION_QUEUE]);
    expect(t.sink.received.flatMap((m) => m.envelopeTo)).toEqual(['worker@example.org']);
  });

  it('serves the script a sign-up form includes to do the work in the browser', async () => {
    const res = await request(t.baseUrl).get('/public/subscribe.js').expect(200);
    expect(res.headers['content-type']).toContain('javascript');
    expect(res.text).toContain("crypto.subtle.digest('SHA-256'");
    expect(res.text).toContain('/public/subscribe/challenge');
  });
});
