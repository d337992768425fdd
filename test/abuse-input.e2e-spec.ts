import { DataSource } from 'typeorm';
import { MAX_JSON_DEPTH } from '../src/common/json-body.parser';
import { createAudience } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

// The probes of issue 17 that answered 500, or addressed the wrong object, answered as a marketer would want.
describe('abuse: loose ids, unbounded pages, deep JSON, control characters in names', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ mode: 'api' });
  });
  afterAll(async () => t?.close());

  const keyCount = async () =>
    Number((await t.app.get(DataSource).query('SELECT COUNT(*) AS n FROM api_keys WHERE revoked_at IS NULL'))[0].n);

  it('refuses ids that are not plain decimal whole numbers, instead of reading them as another id', async () => {
    const other = (await t.api().post('/api/keys').send({ name: 'other' }).expect(201)).body as { id: number };
    const active = await keyCount();
    for (const id of [
      `${other.id}%20`,
      `0x${other.id.toString(16)}`,
      `+${other.id}`,
      `${other.id}e0`,
      `${other.id}.0`,
      `0${other.id}`,
      '-1',
      '0',
      '2147483648',
      '99999999999999999999',
    ]) {
      const res = await t.api().delete(`/api/keys/${id}`);
      expect([id, res.status, res.body.message]).toEqual([id, 400, 'id must be a whole number like 42 (at least 1)']);
    }
    expect(await keyCount()).toBe(active);
    await t.api().delete(`/api/keys/${other.id}`).expect(200);
    expect(await keyCount()).toBe(active - 1);
  });

  it('refuses a page or limit out of range on every paginated list with a 400, not a 500', async () => {
    const { listId } = await createAudience(t, 2);
    const paged = [
      '/api/subscribers',
      '/api/campaigns',
      `/api/lists/${listId}/members`,
      '/api/webhooks/1/deliveries',
    ].flatMap((path) =>
      ['page=99999999999999999999', 'page=0', 'page=1e3', 'limit=-1', 'limit=0x10', 'page=%201'].map((query) => [
        path,
        query,
      ]),
    );
    const cursored = ['/api/events', '/api/subscribers/1/timeline'].flatMap((path) =>
      ['limit=99999999999999999999', 'limit=0', 'limit=+5', 'cursor=1e3'].map((query) => [path, query]),
    );
    for (const [path, query] of [...paged, ...cursored]) {
      {
        const res = await t.api().get(`${path}?${query}`);
        expect([path, query, res.status]).toEqual([path, query, 400]);
        expect(res.body.message).toMatch(/(page|limit|cursor) must be a whole number/);
      }
    }
    await t.api().get(`/api/lists/${listId}/members?page=2&limit=1`).expect(200);
  });

  it('refuses a deeply nested JSON body before parsing it, on the unauthenticated login too', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    for (const path of ['/api/auth/login', '/api/lists', '/api/events/conversions']) {
      const res = await t.api().post(path).set('content-type', 'application/json').send(deep);
      expect([path, res.status, res.body.message]).toEqual([
        path,
        400,
        `The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep`,
      ]);
    }
    const nested = (levels: number) =>
      `{"name":"ok","description":"x","tags":[],"x":${'['.repeat(levels)}${']'.repeat(levels)}}`;
    expect(
      (
        await t
          .api()
          .post('/api/lists')
          .set('content-type', 'application/json')
          .send(nested(MAX_JSON_DEPTH + 1))
      ).body.message,
    ).toContain('nested more than');
    // Within the depth, the usual validation answers (an unknown field here).
    expect(
      (
        await t
          .api()
          .post('/api/lists')
          .set('content-type', 'application/json')
          .send(nested(MAX_JSON_DEPTH - 2))
      ).body.message,
    ).toBe('x is not a known field');
  });

  it('reads a JSON request without a body as {}: bodiless actions work, others name the missing field', async () => {
    const send = await t.api().post('/api/campaigns/999999/send').set('content-type', 'application/json');
    expect([send.status, send.body.message]).not.toEqual([400, expect.stringContaining('empty')]);
    expect(send.status).toBe(404);
    const list = await t.api().post('/api/lists').set('content-type', 'application/json');
    expect(list.status).toBe(400);
    expect(list.body.message).toContain('name');
  });

  it('refuses bodies over the size limit with 413 and lone surrogates with 400', async () => {
    const big = await t
      .api()
      .post('/api/lists')
      .set('content-type', 'application/json')
      .send(`{"name":"${'a'.repeat(11 * 1024 * 1024)}"}`);
    expect(big.status).toBe(413);
    const lone = await t
      .api()
      .post('/api/mail/test')
      .set('content-type', 'application/json')
      .send('{"to":"\\udc00y@example.com"}');
    expect([lone.status, lone.body.message]).toEqual([400, expect.stringContaining('broken character')]);
  });

  it('refuses a NUL character in an /api address or a JSON string with a 400 (PostgreSQL text cannot hold one)', async () => {
    const search = await t.api().get('/api/subscribers?q=a%00b');
    expect([search.status, search.body.message]).toEqual([400, expect.stringContaining('NUL character')]);
    const path = await t.api().post('/api/coupons/a%00b/rollback').send({});
    expect(path.status).toBe(400);
    const lists = Number((await t.app.get(DataSource).query('SELECT COUNT(*) AS n FROM lists'))[0].n);
    const body = await t.api().post('/api/lists').set('content-type', 'application/json').send('{"name":"a\\u0000b"}');
    expect([body.status, body.body.message]).toEqual([400, expect.stringContaining('NUL character')]);
    expect(Number((await t.app.get(DataSource).query('SELECT COUNT(*) AS n FROM lists'))[0].n)).toBe(lists);
    // An escaped backslash before u0000 is text, not a NUL: accepted.
    await t
      .api()
      .post('/api/lists')
      .set('content-type', 'application/json')
      .send('{"name":"back\\\\u0000slash"}')
      .expect(201);
  });

  it('refuses control and text-direction characters in names, and keeps line breaks in descriptions', async () => {
    const lists = Number((await t.app.get(DataSource).query('SELECT COUNT(*) AS n FROM lists'))[0].n);
    // (NUL is refused earlier, by the JSON parser: see the test above.)
    for (const name of ['Klanten\u0001', 'invoice\u202Egpj.exe', 'a\u2066b\u2069', 'two\nlines', 'esc\u001b[31m']) {
      const res = await t.api().post('/api/lists').send({ name });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(
        /^name contains an? (invisible control|text-direction control) character \(U\+[0-9A-F]{4}\); remove it/,
      );
    }
    for (const body of [
      { kind: 'poll', name: 'x\u202E', subject: 's' },
      { kind: 'poll', name: 'x', subject: 'Hi\u0007' },
    ]) {
      expect(
        (
          await t
            .api()
            .post('/api/campaigns')
            .send({ ...body, audience: { listIds: [1] } })
        ).status,
      ).toBe(400);
    }
    expect(
      (
        await t
          .api()
          .post('/api/segments')
          .send({ name: '\u2067x', filter: { field: 'name', op: 'eq', value: 'x' } })
      ).status,
    ).toBe(400);
    expect(
      (await t.api().post('/api/subscribers').send({ email: 'bidi@example.com', name: 'Anna\u202E' })).status,
    ).toBe(400);
    expect(Number((await t.app.get(DataSource).query('SELECT COUNT(*) AS n FROM lists'))[0].n)).toBe(lists);
    const ok = await t
      .api()
      .post('/api/lists')
      .send({ name: 'Klanten — زبائن 🌷', description: 'Line one\nLine two\twith a tab' })
      .expect(201);
    expect(ok.body.description).toBe('Line one\nLine two\twith a tab');
  });
});
