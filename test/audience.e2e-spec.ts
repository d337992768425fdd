import request from 'supertest';
import { DataSource } from 'typeorm';
import { AudienceQueryService } from '../src/audience/audience-query.service';
import { emailHash } from '../src/audience/email-address';
import { Suppression } from '../src/audience/suppression.entity';
import { ErasureHooks } from '../src/audience/subscribers/erasure-hooks';
import { runDemo } from '../src/demo/demo';
import { LinkTokenService } from '../src/links/link-token.service';
import { waitUntil } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

describe('audience: subscribers, lists, segments, opt-in, unsubscribe, erasure', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const createList = async (body: Record<string, unknown>) =>
    (await t.api().post('/api/lists').send(body).expect(201)).body as { id: number };
  const createSubscriber = async (body: Record<string, unknown>) =>
    (await t.api().post('/api/subscribers').send(body).expect(201)).body as { id: number; email: string };

  /** The n-th mail to an address, as the SMTP sink received it. */
  const waitForMailTo = async (address: string, n: number) =>
    (
      await waitUntil(
        async () => t.sink.to(address),
        (m) => m.length >= n,
        20_000,
        `mail ${n} to ${address}`,
      )
    )[n - 1];

  describe('subscribers', () => {
    it('normalises, refuses duplicates and invalid addresses with clear messages', async () => {
      const s = await createSubscriber({
        email: '  Piet.Pietersen@Example.NL ',
        name: 'Piet',
        attributes: { city: 'Zwolle' },
      });
      expect(s.email).toBe('Piet.Pietersen@example.nl');
      expect(s).not.toHaveProperty('emailHash');
      const dup = await t.api().post('/api/subscribers').send({ email: 'Piet.Pietersen@EXAMPLE.nl' }).expect(409);
      expect(dup.body).toMatchObject({ code: 'email_taken', message: expect.stringContaining('already exists') });
      const bad = await t.api().post('/api/subscribers').send({ email: 'not-an-email' }).expect(400);
      expect(bad.body).toMatchObject({ code: 'invalid_email', message: '"not-an-email" is not a valid email address' });
      await t.api().get('/api/subscribers/99999').expect(404);
    });

    it('updates, searches, filters by status, list and attribute, and paginates with a total', async () => {
      const list = await createList({ name: 'Filters' });
      const a = await createSubscriber({
        email: 'fa@filter.nl',
        name: 'Femke Alders',
        attributes: { city: 'Utrecht' },
      });
      const b = await createSubscriber({ email: 'fb@filter.nl', name: 'Frank Bos', attributes: { city: 'Utrecht' } });
      await createSubscriber({ email: 'fc@filter.nl', name: 'Fleur Claes', attributes: { city: 'Gouda' } });
      await t.api().patch(`/api/subscribers/${b.id}`).send({ status: 'bounced', locale: 'nl' }).expect(200);
      await t
        .api()
        .post(`/api/lists/${list.id}/members`)
        .send({ subscriberIds: [a.id] })
        .expect(200);
      const q = await t.api().get('/api/subscribers?q=filter.nl&limit=2&page=1').expect(200);
      expect(q.body).toMatchObject({ total: 3, page: 1, limit: 2 });
      expect(q.body.items).toHaveLength(2);
      const utrecht = await t.api().get('/api/subscribers?attr.city=Utrecht&status=active').expect(200);
      expect(utrecht.body.items.map((s: { email: string }) => s.email)).toEqual(['fa@filter.nl']);
      const onList = await t.api().get(`/api/subscribers?listId=${list.id}`).expect(200);
      expect(onList.body.items.map((s: { id: number }) => s.id)).toEqual([a.id]);
      const badKey = await t.api().get('/api/subscribers?attr.ci%20ty=x').expect(400);
      expect(badKey.body.message).toContain('invalid key');
      await t.api().get('/api/subscribers?status=sleeping').expect(400);
    });
  });

  describe('segments', () => {
    it('previews and saves a filter, and names the bad clause of an invalid one', async () => {
      const list = await createList({ name: 'Segment list' });
      const s1 = await createSubscriber({ email: 'seg1@seg.nl', attributes: { city: 'Utrecht', orders: 8 } });
      await createSubscriber({ email: 'seg2@seg.nl', attributes: { city: 'Utrecht', orders: 1 } });
      await t
        .api()
        .post(`/api/lists/${list.id}/members`)
        .send({ subscriberIds: [s1.id] })
        .expect(200);
      const filter = {
        all: [
          { field: 'attributes.city', op: 'eq', value: 'Utrecht' },
          {
            any: [
              { field: 'list', op: 'in', value: [list.id] },
              { field: 'attributes.orders', op: 'gt', value: 100 },
            ],
          },
        ],
      };
      const preview = await t.api().post('/api/segments/preview').send({ filter }).expect(200);
      expect(preview.body.count).toBe(1);
      expect(preview.body.items[0].email).toBe('seg1@seg.nl');
      const numeric = await t
        .api()
        .post('/api/segments/preview')
        .send({ filter: { field: 'attributes.orders', op: 'gt', value: 5 } })
        .expect(200);
      expect(numeric.body.items.map((s: { email: string }) => s.email)).toEqual(['seg1@seg.nl']);
      const saved = await t.api().post('/api/segments').send({ name: 'Utrecht', filter }).expect(201);
      const again = await t.api().get(`/api/segments/${saved.body.id}/preview`).expect(200);
      expect(again.body.count).toBe(1);
      const bad = await t
        .api()
        .post('/api/segments')
        .send({ name: 'x', filter: { all: [filter.all[0], filter.all[1], { field: 'name', op: 'like', value: 'a' }] } })
        .expect(400);
      expect(bad.body.message).toContain('all[2].op: unknown operator "like"');
      expect(bad.body.code).toBe('invalid_segment');
    });

    it('adds a whole segment to a list in bulk', async () => {
      const list = await createList({ name: 'From segment' });
      await createSubscriber({ email: 'bulk1@bulk.nl', attributes: { plan: 'bulk' } });
      await createSubscriber({ email: 'bulk2@bulk.nl', attributes: { plan: 'bulk' } });
      const segment = await t
        .api()
        .post('/api/segments')
        .send({ name: 'bulk', filter: { field: 'attributes.plan', op: 'eq', value: 'bulk' } })
        .expect(201);
      const added = await t
        .api()
        .post(`/api/lists/${list.id}/members`)
        .send({ segmentId: segment.body.id })
        .expect(200);
      expect(added.body).toEqual({ changed: 2, pending: 0, unchanged: 0 });
      const members = await t.api().get(`/api/lists/${list.id}/members`).expect(200);
      expect(members.body.items.map((m: { status: string }) => m.status)).toEqual(['confirmed', 'confirmed']);
      const removed = await t
        .api()
        .delete(`/api/lists/${list.id}/members`)
        .send({ segmentId: segment.body.id })
        .expect(200);
      expect(removed.body.changed).toBe(2);
    });
  });

  describe('double opt-in', () => {
    it('mails a confirmation whose link confirms on POST but not on GET', async () => {
      const list = await createList({ name: 'Nieuwsbrief', optIn: 'double' });
      const s = await createSubscriber({ email: 'optin@example.nl', name: 'Olga' });
      const before = t.sink.received.length;
      const res = await t
        .api()
        .post(`/api/lists/${list.id}/members`)
        .send({ subscriberIds: [s.id] })
        .expect(200);
      expect(res.body).toEqual({ changed: 1, pending: 1, unchanged: 0 });
      const mails = await t.sink.waitFor(before + 1);
      const mail = mails[before];
      expect(mail.envelopeTo).toEqual(['optin@example.nl']);
      expect(mail.parsed.subject).toContain('Nieuwsbrief');
      expect(mail.parsed.text).toContain('Olga');
      const link = /href="([^"]*\/public\/confirm\/[A-Za-z0-9_-]+)"/.exec(String(mail.parsed.html))![1];
      const path = new URL(link).pathname;
      const status = async () => (await t.api().get(`/api/lists/${list.id}/members`).expect(200)).body.items[0].status;
      expect(await status()).toBe('unconfirmed');
      const page = await request(t.baseUrl).get(path).expect(200);
      expect(page.text).toContain('<form method="post">');
      expect(await status()).toBe('unconfirmed');
      const done = await request(t.baseUrl).post(path).set('User-Agent', 'jest-browser').expect(200);
      expect(done.text).toContain('You are now subscribed');
      expect(await status()).toBe('confirmed');
      const consent = await t.api().get(`/api/subscribers/${s.id}/consent`).expect(200);
      expect(consent.body.map((c: { action: string; method: string }) => `${c.action}/${c.method}`)).toEqual([
        'subscribe/api',
        'confirm/email_link',
      ]);
      expect(consent.body[1].userAgent).toBe('jest-browser');
      const forged = path.slice(0, -2) + (path.endsWith('AA') ? 'BB' : 'AA');
      expect((await request(t.baseUrl).post(forged)).text).toContain('not valid');
    });
  });

  describe('unsubscribe link', () => {
    it('GET shows the page without unsubscribing; one-click POST unsubscribes with a plain 200', async () => {
      const list = await createList({ name: 'Acties' });
      const s = await createSubscriber({ email: 'uns@example.nl' });
      await t
        .api()
        .post(`/api/lists/${list.id}/members`)
        .send({ subscriberIds: [s.id] })
        .expect(200);
      const token = t.app.get(LinkTokenService).sign({ campaignId: 0, deliveryId: 0, subscriberId: s.id });
      const page = await request(t.baseUrl).get(`/u/${token}`).expect(200);
      expect(page.text).toContain('Unsubscribe from Acties');
      expect(page.text).toContain('Unsubscribe from all mail');
      expect((await t.api().get(`/api/subscribers/${s.id}`)).body.status).toBe('active');
      const res = await request(t.baseUrl)
        .post(`/u/${token}`)
        .type('form')
        .send('List-Unsubscribe=One-Click')
        .expect(200);
      expect(res.headers.location).toBeUndefined();
      expect(res.headers['set-cookie']).toBeUndefined();
      expect((await t.api().get(`/api/subscribers/${s.id}`)).body.status).toBe('unsubscribed');
      const members = await t.api().get(`/api/lists/${list.id}/members`).expect(200);
      expect(members.body.items[0].status).toBe('unsubscribed');
      const consent = await t.api().get(`/api/subscribers/${s.id}/consent`).expect(200);
      expect(consent.body.at(-1)).toMatchObject({ action: 'unsubscribe', method: 'one_click', listId: list.id });
      await request(t.baseUrl).post(`/u/${token}x`).type('form').send('List-Unsubscribe=One-Click').expect(404);
    });

    it('one-click with the list of the message leaves only that list; the page buttons work too', async () => {
      const a = await createList({ name: 'Lijst A' });
      const b = await createList({ name: 'Lijst B' });
      const s = await createSubscriber({ email: 'twolists@example.nl' });
      for (const l of [a, b])
        await t
          .api()
          .post(`/api/lists/${l.id}/members`)
          .send({ subscriberIds: [s.id] })
          .expect(200);
      const token = t.app.get(LinkTokenService).sign({ campaignId: 3, deliveryId: 9, subscriberId: s.id });
      await request(t.baseUrl).post(`/u/${token}?list=${a.id}`).field('List-Unsubscribe', 'One-Click').expect(200);
      const statusOn = async (id: number) => (await t.api().get(`/api/lists/${id}/members`)).body.items[0].status;
      expect(await statusOn(a.id)).toBe('unsubscribed');
      expect(await statusOn(b.id)).toBe('confirmed');
      expect((await t.api().get(`/api/subscribers/${s.id}`)).body.status).toBe('active');
      await request(t.baseUrl).post(`/u/${token}`).type('form').send(`list=${b.id}`).expect(200);
      expect(await statusOn(b.id)).toBe('unsubscribed');
    });
  });

  describe('re-subscribing', () => {
    it('lets someone who unsubscribed from everything come back through a double opt-in form, once confirmed', async () => {
      const list = await createList({ name: 'Comeback', optIn: 'double', publicForm: true });
      const s = await createSubscriber({ email: 'comeback@example.nl' });
      const token = t.app.get(LinkTokenService).sign({ campaignId: 0, deliveryId: 0, subscriberId: s.id });
      await request(t.baseUrl).post(`/u/${token}`).type('form').send('List-Unsubscribe=One-Click').expect(200);
      expect((await t.api().get(`/api/subscribers/${s.id}`)).body.status).toBe('unsubscribed');
      await request(t.baseUrl)
        .post(`/public/lists/${list.id}/subscribe`)
        .set('X-Forwarded-For', '192.0.2.50')
        .send({ email: 'comeback@example.nl' })
        .expect(200);
      const [mail] = await waitUntil(
        async () => t.sink.to('comeback@example.nl'),
        (found) => found.length > 0,
        5_000,
        'the confirmation mail',
      );
      const path = new URL(/href="([^"]*\/public\/confirm\/[A-Za-z0-9_-]+)"/.exec(String(mail.parsed.html))![1])
        .pathname;
      expect((await t.api().get(`/api/subscribers/${s.id}`)).body.status).toBe('unsubscribed');
      await request(t.baseUrl).post(path).expect(200);
      expect((await t.api().get(`/api/subscribers/${s.id}`)).body.status).toBe('active');
      expect(await t.app.get(AudienceQueryService).page({ listIds: [list.id] }, 0, 10)).toEqual([s.id]);
    });
  });

  describe('the way back in from the preferences page', () => {
    it('joins a single opt-in list again at once and makes someone who left everything mailable; a GET changes nothing', async () => {
      const list = await createList({ name: 'Tips' });
      const s = await createSubscriber({ email: 'back.again@example.nl' });
      await t
        .api()
        .post(`/api/lists/${list.id}/members`)
        .send({ subscriberIds: [s.id] })
        .expect(200);
      const token = t.app.get(LinkTokenService).sign({ campaignId: 0, deliveryId: 0, subscriberId: s.id });
      await request(t.baseUrl).post(`/u/${token}`).type('form').send('all=1').expect(200);
      expect((await t.api().get(`/api/subscribers/${s.id}`)).body.status).toBe('unsubscribed');

      const page = await request(t.baseUrl).get(`/u/${token}`).expect(200);
      expect(page.text).toContain('You are unsubscribed');
      expect(page.text).toContain('Join Tips again');
      expect((await t.api().get(`/api/subscribers/${s.id}`)).body.status).toBe('unsubscribed');

      const back = await request(t.baseUrl)
        .post(`/u/${token}`)
        .type('form')
        .set('User-Agent', 'jest-browser')
        .send(`rejoin=${list.id}`)
        .expect(200);
      expect(back.text).toContain('Welcome back');
      expect((await t.api().get(`/api/subscribers/${s.id}`)).body.status).toBe('active');
      expect((await t.api().get(`/api/lists/${list.id}/members`)).body.items[0].status).toBe('confirmed');
      const consent = await t.api().get(`/api/subscribers/${s.id}/consent`).expect(200);
      expect(consent.body.at(-1)).toMatchObject({
        action: 'subscribe',
        method: 'email_link',
        listId: list.id,
        source: 'preferences:rejoin',
        userAgent: 'jest-browser',
      });
      expect(await t.app.get(AudienceQueryService).page({ listIds: [list.id] }, 0, 10)).toEqual([s.id]);
      // Nothing left to rejoin: a replayed or forged form changes nothing.
      expect(
        (await request(t.baseUrl).post(`/u/${token}`).type('form').send(`rejoin=${list.id}`).expect(200)).text,
      ).toContain('Nothing to change');
    });

    it('asks to confirm by mail before joining a double opt-in list again', async () => {
      const list = await createList({ name: 'Dubbel', optIn: 'double' });
      const s = await createSubscriber({ email: 'double.back@example.nl' });
      await t
        .api()
        .post(`/api/lists/${list.id}/members`)
        .send({ subscriberIds: [s.id] })
        .expect(200);
      const confirmMail = await waitForMailTo('double.back@example.nl', 1);
      await request(t.baseUrl)
        .post(
          new URL(/href="([^"]*\/public\/confirm\/[A-Za-z0-9_-]+)"/.exec(String(confirmMail.parsed.html))![1]).pathname,
        )
        .expect(200);
      const token = t.app.get(LinkTokenService).sign({ campaignId: 0, deliveryId: 0, subscriberId: s.id });
      await request(t.baseUrl).post(`/u/${token}`).type('form').send(`list=${list.id}`).expect(200);
      expect((await request(t.baseUrl).get(`/u/${token}`).expect(200)).text).toContain('Join Dubbel again');

      const asked = await request(t.baseUrl).post(`/u/${token}`).type('form').send(`rejoin=${list.id}`).expect(200);
      expect(asked.text).toContain('Check your inbox');
      expect((await t.api().get(`/api/lists/${list.id}/members`)).body.items[0].status).toBe('unconfirmed');
      const again = await waitForMailTo('double.back@example.nl', 2);
      await request(t.baseUrl)
        .post(new URL(/href="([^"]*\/public\/confirm\/[A-Za-z0-9_-]+)"/.exec(String(again.parsed.html))![1]).pathname)
        .expect(200);
      expect((await t.api().get(`/api/lists/${list.id}/members`)).body.items[0].status).toBe('confirmed');
    });
  });

  describe('attribute names as people write them', () => {
    it('suggests the names in use with counts, merges spellings, lists values, and a segment matches any case', async () => {
      for (const [email, attributes] of [
        ['attr1@case.example', { Stad: 'Utrecht', Leden: 3, Actief: true }],
        ['attr2@case.example', { Stad: 'Utrecht' }],
        ['attr3@case.example', { stad: 'Ede', leden: 5 }],
      ] as const)
        await createSubscriber({ email, attributes });
      const keys = (await t.api().get('/api/subscribers/attributes').expect(200)).body;
      expect(keys).toEqual(
        expect.arrayContaining([
          { key: 'Stad', count: 3, otherSpellings: ['stad'] },
          { key: 'Actief', count: 1, otherSpellings: [] },
        ]),
      );
      expect(keys.find((k: { key: string }) => k.key.toLowerCase() === 'leden')).toMatchObject({ count: 2 });
      const cities = await t.api().get('/api/subscribers/attributes/values?key=STAD').expect(200);
      expect(cities.body).toEqual([
        { value: 'Utrecht', count: 2 },
        { value: 'Ede', count: 1 },
      ]);
      expect((await t.api().get('/api/subscribers/attributes/values?key=leden').expect(200)).body).toEqual([
        { value: 3, count: 1 },
        { value: 5, count: 1 },
      ]);
      expect((await t.api().get('/api/subscribers/attributes/values?key=actief').expect(200)).body).toEqual([
        { value: true, count: 1 },
      ]);
      const bad = await t.api().get('/api/subscribers/attributes/values?key=a.b').expect(400);
      expect(JSON.stringify(bad.body)).toContain('key must be an attribute name');
      const preview = await t
        .api()
        .post('/api/segments/preview')
        .send({ filter: { field: 'attributes.stad', op: 'in', value: ['Utrecht', 'Ede'] } })
        .expect(200);
      expect(preview.body.count).toBe(3);
    });
  });

  describe('why people leave', () => {
    it('asks one optional question after unsubscribing; the answer shows in the list report, and erasure keeps only the count', async () => {
      const list = await createList({ name: 'Weekly' });
      const people = await Promise.all(
        ['why1@example.nl', 'why2@example.nl', 'why3@example.nl'].map((email) => createSubscriber({ email })),
      );
      await t
        .api()
        .post(`/api/lists/${list.id}/members`)
        .send({ subscriberIds: people.map((p) => p.id) })
        .expect(200);
      const tokens = people.map((p) =>
        t.app.get(LinkTokenService).sign({ campaignId: 0, deliveryId: 0, subscriberId: p.id }),
      );
      const left = await request(t.baseUrl).post(`/u/${tokens[0]}`).type('form').send(`list=${list.id}`).expect(200);
      expect(left.text).toContain('Would you tell us why you left?');
      expect(left.text).toContain(`name="left" value="${list.id}"`);
      // Nothing chosen: nothing stored, the person is asked kindly and stays unsubscribed.
      const empty = await request(t.baseUrl).post(`/u/${tokens[0]}`).type('form').send(`reason=&left=${list.id}`);
      expect(empty.text).toContain('Pick one of the answers');
      const answered = await request(t.baseUrl)
        .post(`/u/${tokens[0]}`)
        .type('form')
        .send(`reason=too_many&left=${list.id}&note=${encodeURIComponent('Drie keer per week is te veel')}`)
        .expect(200);
      expect(answered.text).toContain('Thank you');
      // A changed mind replaces the answer instead of counting twice.
      await request(t.baseUrl)
        .post(`/u/${tokens[0]}`)
        .type('form')
        .send(`reason=not_relevant&left=${list.id}&note=${encodeURIComponent('Niet voor mij')}`)
        .expect(200);
      await request(t.baseUrl).post(`/u/${tokens[1]}`).type('form').send('all=1').expect(200);
      await request(t.baseUrl).post(`/u/${tokens[1]}`).type('form').send('reason=never_signed_up&left=').expect(200);
      // A made-up reason is not stored.
      await request(t.baseUrl).post(`/u/${tokens[2]}`).type('form').send('reason=hacked&left=').expect(200);

      const report = await t.api().get(`/api/lists/${list.id}/report`).expect(200);
      expect(report.body.unsubscribeFeedback).toMatchObject({
        total: 2,
        byReason: [
          { reason: 'too_many', count: 0 },
          { reason: 'not_relevant', count: 1 },
          { reason: 'never_signed_up', count: 1 },
          { reason: 'other', count: 0 },
        ],
        notes: [{ reason: 'not_relevant', note: 'Niet voor mij' }],
      });
      const ds = t.app.get(DataSource);
      expect(await ds.query('SELECT id FROM unsubscribe_feedback')).toHaveLength(2);

      await t.api().delete(`/api/subscribers/${people[0].id}?erase=true`).expect(204);
      const after = await t.api().get(`/api/lists/${list.id}/report`).expect(200);
      expect(after.body.unsubscribeFeedback.notes).toEqual([]);
      const rows = await ds.query("SELECT subscriber_id, note FROM unsubscribe_feedback WHERE reason = 'not_relevant'");
      expect(rows).toEqual([{ subscriber_id: null, note: null }]);
    });
  });

  describe('public subscribe form', () => {
    it('answers identically for new and existing addresses, and 429 after the limit', async () => {
      const list = await createList({ name: 'Form list', optIn: 'double', publicForm: true });
      await createSubscriber({ email: 'existing@example.nl' });
      const ip = '203.0.113.7';
      const post = (body: Record<string, string>) =>
        request(t.baseUrl).post(`/public/lists/${list.id}/subscribe`).set('X-Forwarded-For', ip).send(body);
      const fresh = await post({ email: 'fresh@example.nl', name: 'Fenna' });
      const existing = await post({ email: 'existing@example.nl' });
      expect(fresh.status).toBe(200);
      expect(existing.status).toBe(fresh.status);
      expect(existing.body).toEqual(fresh.body);
      expect(fresh.body.message).toContain('check your inbox');
      const confirmations = await waitUntil(
        async () => t.sink.to('fresh@example.nl'),
        (found) => found.length > 0,
        5_000,
        'the confirmation mail',
      );
      expect(confirmations).toHaveLength(1);
      const html = await request(t.baseUrl)
        .post(`/public/lists/${list.id}/subscribe`)
        .set('X-Forwarded-For', ip)
        .type('form')
        .send('email=other%40example.nl')
        .expect(200);
      expect(html.headers['content-type']).toContain('text/html');
      for (let i = 3; i < 10; i++) await post({ email: `n${i}@example.nl` }).expect(200);
      const limited = await post({ email: 'late@example.nl' }).expect(429);
      expect(limited.body.code).toBe('rate_limited');
      await request(t.baseUrl)
        .post(`/public/lists/${list.id}/subscribe`)
        .set('X-Forwarded-For', '203.0.113.8')
        .send({ email: 'late@example.nl' })
        .expect(200);
    });
  });

  describe('campaign audience', () => {
    it('pages confirmed, active, unsuppressed members, narrowed by a segment, past a checkpoint', async () => {
      const list = await createList({ name: 'Audience' });
      const other = await createList({ name: 'Exclude me' });
      const ids: number[] = [];
      for (const [i, city] of ['Utrecht', 'Utrecht', 'Utrecht', 'Utrecht', 'Gouda'].entries()) {
        ids.push((await createSubscriber({ email: `aud${i}@aud.nl`, attributes: { city } })).id);
      }
      await t.api().post(`/api/lists/${list.id}/members`).send({ subscriberIds: ids }).expect(200);
      await t
        .api()
        .post(`/api/lists/${other.id}/members`)
        .send({ subscriberIds: [ids[3]] })
        .expect(200);
      await t.api().patch(`/api/subscribers/${ids[1]}`).send({ status: 'bounced' }).expect(200);
      await t.app
        .get(DataSource)
        .getRepository(Suppression)
        .insert({ emailHash: emailHash('aud2@aud.nl'), reason: 'complained' });
      const audience = t.app.get(AudienceQueryService);
      expect(await audience.page({ listIds: [list.id] }, 0, 100)).toEqual([ids[0], ids[3], ids[4]]);
      expect(await audience.page({ listIds: [list.id], excludeListIds: [other.id] }, 0, 100)).toEqual([ids[0], ids[4]]);
      expect(await audience.page({ listIds: [list.id] }, ids[0], 1)).toEqual([ids[3]]);
      const segment = await t
        .api()
        .post('/api/segments')
        .send({ name: 'utrecht', filter: { field: 'attributes.city', op: 'eq', value: 'Utrecht' } })
        .expect(201);
      expect(await audience.page({ listIds: [list.id], segmentId: segment.body.id }, 0, 100)).toEqual([ids[0], ids[3]]);
      const everyone = await audience.page({ listIds: [], segmentId: segment.body.id }, 0, 1000);
      expect(everyone).toEqual(expect.arrayContaining([ids[0], ids[3]]));
      expect(everyone).not.toContain(ids[2]);
      expect(await audience.page({ listIds: [] }, 0, 100)).toEqual([]);
    });
  });

  describe('erasure', () => {
    it('removes personal data from every table, keeps the hash suppressed and refuses the address again', async () => {
      const list = await createList({ name: 'Erase list', publicForm: true });
      const email = 'erase.me@example.nl';
      const s = await createSubscriber({
        email,
        name: 'Eva Uniekenaam',
        attributes: { city: 'Zandvoortstad' },
        externalId: 'crm-erase-77',
      });
      await request(t.baseUrl)
        .post(`/public/lists/${list.id}/subscribe`)
        .set('X-Forwarded-For', '198.51.100.99')
        .set('User-Agent', 'EvaBrowser/1.0')
        .send({ email })
        .expect(200);
      // The form's work happens after its answer: wait for the consent record it leaves.
      await waitUntil(
        async () => (await t.api().get(`/api/subscribers/${s.id}/consent`)).body as Array<{ method: string }>,
        (records) => records.some((r) => r.method === 'form'),
        10_000,
        'the form sign-up',
      );
      const hooked: Array<[number, string | null]> = [];
      t.app.get(ErasureHooks).register('test-module', async (id, hash) => void hooked.push([id, hash]));
      await t.api().delete(`/api/subscribers/${s.id}?erase=true`).expect(204);
      expect(hooked).toEqual([[s.id, emailHash(email)]]);
      const ds = t.app.get(DataSource);
      const tables: string[] =
        ds.options.type === 'postgres'
          ? (
              await ds.query("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'")
            ).map((r: { name: string }) => r.name)
          : (await ds.query("SELECT name FROM sqlite_master WHERE type = 'table'")).map(
              (r: { name: string }) => r.name,
            );
      expect(tables).toEqual(
        expect.arrayContaining(['subscribers', 'consent_records', 'list_memberships', 'import_errors']),
      );
      for (const table of tables) {
        const dump = JSON.stringify(await ds.query(`SELECT * FROM "${table}"`)).toLowerCase();
        for (const needle of [
          email,
          'erase.me',
          'uniekenaam',
          'zandvoortstad',
          'crm-erase-77',
          '198.51.100.99',
          'evabrowser',
        ]) {
          expect({ table, found: dump.includes(needle) ? needle : null }).toEqual({ table, found: null });
        }
      }
      const again = await t.api().post('/api/subscribers').send({ email: 'Erase.Me@Example.nl' }).expect(422);
      expect(again.body).toMatchObject({ code: 'email_suppressed', message: expect.stringContaining('erased') });
      const after = await t.api().get(`/api/subscribers/${s.id}`).expect(200);
      expect(after.body).toMatchObject({ email: null, name: '', attributes: {}, externalId: null });
      expect(after.body.erasedAt).not.toBeNull();
    });

    it('keeps a blocklisted address refused even after a plain delete', async () => {
      const s = await createSubscriber({ email: 'spam.trap@example.nl' });
      await t.api().patch(`/api/subscribers/${s.id}`).send({ status: 'blocklisted' }).expect(200);
      await t.api().delete(`/api/subscribers/${s.id}`).expect(204);
      const again = await t.api().post('/api/subscribers').send({ email: 'spam.trap@example.nl' }).expect(422);
      expect(again.body.message).toContain('blocklisted');
    });

    it('deletes plainly without erase=true', async () => {
      const s = await createSubscriber({ email: 'plain.delete@example.nl' });
      await t.api().delete(`/api/subscribers/${s.id}`).expect(204);
      await t.api().get(`/api/subscribers/${s.id}`).expect(404);
      await createSubscriber({ email: 'plain.delete@example.nl' });
    });
  });

  it('demo: loads a "Demo customers" list once', async () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await runDemo(t.app, t.config);
      await runDemo(t.app, t.config);
    } finally {
      write.mockRestore();
    }
    const lists = (await t.api().get('/api/lists').expect(200)).body.filter(
      (l: { name: string }) => l.name === 'Demo customers',
    );
    expect(lists).toHaveLength(1);
    const members = await t.api().get(`/api/lists/${lists[0].id}/members`).expect(200);
    expect(members.body.total).toBe(6);
    expect(members.body.items.every((m: { status: string }) => m.status === 'confirmed')).toBe(true);
  });

  it('documents every audience route in OpenAPI', async () => {
    const doc = (await request(t.baseUrl).get('/api/openapi.json').expect(200)).body;
    for (const path of [
      '/api/subscribers',
      '/api/subscribers/{id}/consent',
      '/api/lists/{id}/members',
      '/api/lists/{id}/export.csv',
      '/api/segments/preview',
      '/api/segments/{id}/export.csv',
      '/api/imports',
      '/api/imports/{id}/errors.csv',
      '/public/lists/{id}/subscribe',
      '/u/{token}',
      '/public/confirm/{token}',
    ]) {
      expect({ path, documented: Boolean(doc.paths[path]) }).toEqual({ path, documented: true });
    }
    expect(doc.components.schemas.CreateSubscriberDto.required).toEqual(['email']);
  });
});
