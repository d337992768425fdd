import request from 'supertest';
import { CONFIRMATION_QUEUE } from '../src/audience/opt-in/send-confirmation.processor';
import { SUBSCRIBE_FORM_QUEUE } from '../src/audience/opt-in/subscribe-form.processor';
import { queuesIdle } from './support/queues';
import { createUser } from './support/sessions';
import { startTestApp, TestApp } from './support/test-app';

// The test client is 127.0.0.1; X-Forwarded-For names whoever it likes.
const spoofed = (i: number) => `198.51.100.${i + 1}`;

async function publicList(t: TestApp): Promise<number> {
  return (
    await t
      .api()
      .post('/api/lists')
      .send({ name: `Form ${Math.random()}`, optIn: 'double', publicForm: true })
      .expect(201)
  ).body.id;
}

function expectAllLimitedAfter(statuses: number[], allowed: number, limitedStatus = 429): void {
  expect(statuses.slice(0, allowed).every((s) => s !== limitedStatus)).toBe(true);
  expect(statuses.slice(allowed)).toEqual(Array(statuses.length - allowed).fill(limitedStatus));
}

/** With no trusted proxy in front of the client, a forged X-Forwarded-For changes nothing. */
function spoofingIsIgnored(trustProxy: string, label: string): void {
  describe(`TRUST_PROXY=${label}: X-Forwarded-For from the client is ignored`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ env: { TRUST_PROXY: trustProxy } });
    });
    afterAll(async () => {
      await t.close();
    });

    it('limits the subscribe form after 10 requests whatever the header says, and mails no more than it accepted', async () => {
      const listId = await publicList(t);
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) {
        const res = await request(t.baseUrl)
          .post(`/public/lists/${listId}/subscribe`)
          .set('X-Forwarded-For', spoofed(i))
          .send({ email: `victim-${i}@example.org` });
        statuses.push(res.status);
      }
      expectAllLimitedAfter(statuses, 10);
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
      await queuesIdle(t, [SUBSCRIBE_FORM_QUEUE, CONFIRMATION_QUEUE]);
      expect(t.sink.received).toHaveLength(10);
      expect(t.sink.received.flatMap((m) => m.envelopeTo).sort()).toEqual(
        Array.from({ length: 10 }, (_, i) => `victim-${i}@example.org`).sort(),
      );
      // The consent records name the address the connection came from.
      const found = (await t.api().get('/api/subscribers').query({ q: 'victim-0@example.org' }).expect(200)).body
        .items[0];
      const consent = (await t.api().get(`/api/subscribers/${found.id}/consent`).expect(200)).body;
      expect(consent[0].ip).toBe('127.0.0.1');
    });

    it('does not believe a client that says it came over https (no HSTS)', async () => {
      const res = await t.api().get('/api/lists').set('X-Forwarded-Proto', 'https').expect(200);
      expect(res.headers['strict-transport-security']).toBeUndefined();
    });

    it('limits sign-in failures per client after 20 whatever the header says', async () => {
      const user = await createUser(t, 'viewer');
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) {
        const res = await request(t.baseUrl)
          .post('/api/auth/login')
          .set('X-Forwarded-For', spoofed(i))
          .send({ email: `someone-${i}@shop.example`, password: 'guess' });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
      expectAllLimitedAfter(statuses, 20);
      // The right password from the same client is refused too, until the window ends.
      await request(t.baseUrl)
        .post('/api/auth/login')
        .set('X-Forwarded-For', '203.0.113.200')
        .send({ email: user.email, password: user.password })
        .expect(429);
    });
  });
}

spoofingIsIgnored('', 'off (the default)');
spoofingIsIgnored('10.0.0.1,192.168.0.0/16', '10.0.0.1,192.168.0.0/16 (not our client)');

describe('TRUST_PROXY=127.0.0.1: the header is honoured from that proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('limits the subscribe form per forwarded client', async () => {
    const listId = await publicList(t);
    const post = (ip: string, email: string) =>
      request(t.baseUrl).post(`/public/lists/${listId}/subscribe`).set('X-Forwarded-For', ip).send({ email });
    for (let i = 0; i < 10; i++) await post('203.0.113.10', `a-${i}@example.org`).expect(200);
    await post('203.0.113.10', 'a-10@example.org').expect(429);
    // A client further left in the chain is not trusted: only the proxy's own entry counts.
    await post('203.0.113.99, 203.0.113.10', 'a-11@example.org').expect(429);
    await post('203.0.113.11', 'b-0@example.org').expect(200);
    await queuesIdle(t, [SUBSCRIBE_FORM_QUEUE, CONFIRMATION_QUEUE]);
    const found = (await t.api().get('/api/subscribers').query({ q: 'b-0@example.org' }).expect(200)).body.items[0];
    expect((await t.api().get(`/api/subscribers/${found.id}/consent`).expect(200)).body[0].ip).toBe('203.0.113.11');
  });

  it('limits sign-in failures per forwarded client', async () => {
    const user = await createUser(t, 'viewer');
    const login = (ip: string, body: object) =>
      request(t.baseUrl).post('/api/auth/login').set('X-Forwarded-For', ip).send(body);
    for (let i = 0; i < 20; i++)
      await login('203.0.113.20', { email: `someone-${i}@shop.example`, password: 'guess' }).expect(401);
    await login('203.0.113.20', { email: user.email, password: user.password }).expect(429);
    await login('203.0.113.21', { email: user.email, password: user.password }).expect(200);
  });
});
