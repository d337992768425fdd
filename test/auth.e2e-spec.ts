import request from 'supertest';
import { sampleContent } from '../src/kinds/kind-content.registry';
import { createAudience } from './support/fixtures';
import { Browser, createUser, signIn, signInAs } from './support/sessions';
import { startTestApp, TestApp } from './support/test-app';

const WRONG = 'Email or password is wrong';
const CSRF = "Your session's security token is missing or out of date; reload the page";
const VIEWER = 'Viewers can look but not change anything; ask an admin for the marketer role';
const ADMIN_ONLY =
  'Only admins can manage users, API keys, webhooks and settings, or see the SMTP, DKIM and webhook configuration; ask an admin';

describe('Accounts, sessions, CSRF and roles (real app)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const login = (body: object, ip = '198.51.100.1') =>
    request(t.baseUrl).post('/api/auth/login').set('X-Forwarded-For', ip).send(body);

  async function campaignBody() {
    const audience = await createAudience(t, 1);
    return {
      kind: 'gift',
      name: 'Thank you',
      subject: 'A gift',
      fromEmail: 'news@shop.example',
      audience: { listIds: [audience.listId] },
      content: sampleContent('gift'),
    };
  }

  describe('sign-in', () => {
    it('signs in, sets an httpOnly SameSite=Lax cookie, answers /me and signs out', async () => {
      const user = await createUser(t, 'marketer', { email: 'Anna.Devries@Shop.example', password: 'koffie-met-melk' });
      // The address is compared in lower case.
      const res = await login({ email: 'anna.devries@shop.example', password: 'koffie-met-melk' }).expect(200);
      expect(res.body.user).toEqual({
        id: user.id,
        email: 'anna.devries@shop.example',
        name: 'anna.devries',
        role: 'marketer',
        locale: 'en',
      });
      expect(res.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const setCookie = ([] as string[]).concat(res.headers['set-cookie']).find((c) => c.startsWith('vm_session='))!;
      const attributes = setCookie.split(';').map((a) => a.trim().toLowerCase());
      expect(attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']));
      // PUBLIC_URL is http here: no Secure flag (browsers would drop the cookie).
      expect(attributes).not.toContain('secure');
      const token = setCookie.split(';')[0].slice('vm_session='.length);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      // Absolute expiry: 7 days.
      const expires = Date.parse(attributes.find((a) => a.startsWith('expires='))!.slice('expires='.length));
      expect(Math.abs(expires - (Date.now() + 7 * 86_400_000))).toBeLessThan(60_000);

      const cookie = setCookie.split(';')[0];
      const me = await request(t.baseUrl).get('/api/auth/me').set('Cookie', cookie).expect(200);
      expect(me.body).toEqual({ user: res.body.user, csrfToken: res.body.csrfToken });

      const out = await request(t.baseUrl).post('/api/auth/logout').set('Cookie', cookie).expect(204);
      expect(String(out.headers['set-cookie'])).toMatch(/vm_session=;.*Expires=Thu, 01 Jan 1970/i);
      const after = await request(t.baseUrl).get('/api/auth/me').set('Cookie', cookie).expect(401);
      expect(after.body.message).toBe('Your session has ended; sign in again');
    });

    it('stores only the SHA-256 of the session token', async () => {
      const browser = await signInAs(t, 'viewer');
      const token = browser.cookie.slice('vm_session='.length);
      const { createHash } = await import('node:crypto');
      const { DataSource } = await import('typeorm');
      const rows: Array<{ token_hash: string }> = await t.app
        .get(DataSource)
        .query('SELECT token_hash FROM user_sessions');
      expect(rows.map((r) => r.token_hash)).toContain(createHash('sha256').update(token).digest('hex'));
      expect(JSON.stringify(rows)).not.toContain(token);
    });

    it('answers a wrong password and an unknown email alike: 401 "Email or password is wrong"', async () => {
      const user = await createUser(t, 'viewer');
      const wrong = await login({ email: user.email, password: 'not the password' }, '198.51.100.2').expect(401);
      const unknown = await login(
        { email: 'nobody@shop.example', password: 'not the password' },
        '198.51.100.2',
      ).expect(401);
      expect(wrong.body.message).toBe(WRONG);
      expect(unknown.body).toEqual(wrong.body);
      expect(wrong.headers['set-cookie']).toBeUndefined();
    });

    it('answers 429 with Retry-After after 5 failures for one email, even with the right password', async () => {
      const user = await createUser(t, 'marketer');
      for (let i = 0; i < 5; i++)
        await login({ email: user.email, password: `guess ${i}` }, '198.51.100.3').expect(401);
      const blocked = await login({ email: user.email, password: user.password }, '198.51.100.3').expect(429);
      expect(blocked.body.message).toBe('Too many failed sign-in attempts; wait 15 minutes and try again');
      const retryAfter = Number(blocked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(890);
      expect(retryAfter).toBeLessThanOrEqual(900);
      // Another address from the same IP is not blocked by that email's count (5 < 20).
      const other = await createUser(t, 'viewer');
      await login({ email: other.email, password: other.password }, '198.51.100.3').expect(200);
    });

    it('answers 429 after 20 failures from one IP, whatever the email', async () => {
      for (let i = 0; i < 20; i++)
        await login({ email: `someone-${i}@shop.example`, password: 'guess' }, '198.51.100.4').expect(401);
      const user = await createUser(t, 'viewer');
      const blocked = await login({ email: user.email, password: user.password }, '198.51.100.4').expect(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      // Other IPs still get in.
      await login({ email: user.email, password: user.password }, '198.51.100.5').expect(200);
    });

    it("a success clears the email's failure count", async () => {
      const user = await createUser(t, 'viewer');
      for (let i = 0; i < 4; i++) await login({ email: user.email, password: 'guess' }, '198.51.100.6').expect(401);
      await login({ email: user.email, password: user.password }, '198.51.100.6').expect(200);
      for (let i = 0; i < 4; i++) await login({ email: user.email, password: 'guess' }, '198.51.100.6').expect(401);
      await login({ email: user.email, password: user.password }, '198.51.100.6').expect(200);
    });

    it('refuses a sign-in posted from another site', async () => {
      const user = await createUser(t, 'viewer');
      const res = await login({ email: user.email, password: user.password })
        .set('Origin', 'https://evil.example')
        .expect(403);
      expect(res.body.code).toBe('origin_not_allowed');
    });
  });

  describe('API key header', () => {
    it('accepts exactly "Bearer <key>", the scheme in any case, and nothing else', async () => {
      const call = (header: string) => request(t.baseUrl).get('/api/lists').set('Authorization', header);
      await call(`Bearer ${t.apiKey}`).expect(200);
      await call(`bearer ${t.apiKey}`).expect(200);
      await call(`BEARER ${t.apiKey}`).expect(200);
      // (Spaces around the whole value are not ours to see: HTTP parsers drop them.)
      for (const header of [
        `Bearer ${t.apiKey} junk`,
        `Bearer  ${t.apiKey}`,
        `Bearer\t${t.apiKey}`,
        `Basic ${t.apiKey}`,
        `Bearer${t.apiKey}`,
        'Bearer',
        `${t.apiKey}`,
        `Bearer ${t.apiKey},Bearer ${t.apiKey}`,
      ]) {
        const res = await call(header);
        expect({ header, status: res.status, message: res.body.message }).toEqual({
          header,
          status: 401,
          message: 'The Authorization header must be exactly "Bearer <API key>": one space, nothing else',
        });
      }
    });
  });

  describe('CSRF', () => {
    let marketer: Browser;
    beforeAll(async () => {
      marketer = await signInAs(t, 'marketer');
    });

    it('refuses a cookie write without the token, or with another one, and accepts it with the token', async () => {
      const list = { name: 'Nieuwsbrief' };
      const missing = await request(t.baseUrl).post('/api/lists').set('Cookie', marketer.cookie).send(list).expect(403);
      expect(missing.body.message).toBe(CSRF);
      const wrong = await request(t.baseUrl)
        .post('/api/lists')
        .set('Cookie', marketer.cookie)
        .set('X-CSRF-Token', 'x'.repeat(43))
        .send(list)
        .expect(403);
      expect(wrong.body.message).toBe(CSRF);
      const other = await signInAs(t, 'marketer');
      await request(t.baseUrl)
        .post('/api/lists')
        .set('Cookie', marketer.cookie)
        .set('X-CSRF-Token', other.csrfToken)
        .send(list)
        .expect(403);
      const ok = await request(t.baseUrl)
        .post('/api/lists')
        .set('Cookie', marketer.cookie)
        .set('X-CSRF-Token', marketer.csrfToken)
        .send(list)
        .expect(201);
      expect(ok.body.name).toBe('Nieuwsbrief');
    });

    it('needs no token for reads', async () => {
      await request(t.baseUrl).get('/api/lists').set('Cookie', marketer.cookie).expect(200);
    });

    it('refuses a write with the right token from another Origin', async () => {
      const res = await request(t.baseUrl)
        .post('/api/lists')
        .set('Cookie', marketer.cookie)
        .set('X-CSRF-Token', marketer.csrfToken)
        .set('Origin', 'https://evil.example')
        .send({ name: 'x' })
        .expect(403);
      expect(res.body.code).toBe('origin_not_allowed');
    });

    it('needs no token with an API key (machines)', async () => {
      await t.api().post('/api/lists').send({ name: 'Van de CRM' }).expect(201);
    });

    it('answers 401 without a cookie or key, and with a forged cookie', async () => {
      await request(t.baseUrl).get('/api/lists').expect(401);
      const forged = await request(t.baseUrl)
        .get('/api/lists')
        .set('Cookie', `vm_session=${'A'.repeat(43)}`)
        .expect(401);
      expect(forged.body.code).toBe('sign_in_required');
    });
  });

  describe('roles', () => {
    it('lets a viewer read but not change campaigns or lists', async () => {
      const viewer = await signInAs(t, 'viewer');
      const campaign = await t
        .api()
        .post('/api/campaigns')
        .send(await campaignBody())
        .expect(201);
      const list = await t.api().post('/api/lists').send({ name: 'Alleen lezen' }).expect(201);
      await viewer.get('/api/campaigns').expect(200);
      await viewer.get(`/api/campaigns/${campaign.body.id}`).expect(200);
      await viewer.get('/api/lists').expect(200);
      const refused = await Promise.all([
        viewer.post('/api/campaigns').send(await campaignBody()),
        viewer.patch(`/api/campaigns/${campaign.body.id}`).send({ name: 'Renamed' }),
        viewer.delete(`/api/campaigns/${campaign.body.id}`),
        viewer.post(`/api/campaigns/${campaign.body.id}/send`),
        viewer.post('/api/lists').send({ name: 'Mine' }),
        viewer.patch(`/api/lists/${list.body.id}`).send({ name: 'Renamed' }),
        viewer.delete(`/api/lists/${list.body.id}`),
      ]);
      for (const res of refused) {
        expect(res.status).toBe(403);
        expect(res.body.message).toBe(VIEWER);
      }
      // Nothing changed.
      expect((await t.api().get(`/api/campaigns/${campaign.body.id}`).expect(200)).body.name).toBe('Thank you');
      expect((await t.api().get(`/api/lists/${list.body.id}`).expect(200)).body.name).toBe('Alleen lezen');
      // A read-only POST (segment count) is open to viewers.
      await viewer
        .post('/api/segments/preview')
        .send({ filter: { all: [] } })
        .expect((r) => expect(r.status).not.toBe(403));
    });

    it('lets a marketer create a campaign but not a user, an API key or a settings change', async () => {
      const marketer = await signInAs(t, 'marketer');
      await marketer
        .post('/api/campaigns')
        .send(await campaignBody())
        .expect(201);
      for (const res of [
        await marketer.post('/api/users').send({ email: 'new@shop.example', role: 'viewer' }),
        await marketer.get('/api/users'),
        await marketer.post('/api/keys').send({ name: 'mine' }),
        await marketer.post('/api/webhooks').send({ url: 'https://hooks.shop.example/vm', events: ['open'] }),
        await marketer.patch('/api/settings').send({ brand: { name: 'Mine' } }),
        await marketer.post('/api/settings/dkim/generate').send({ domain: 'shop.example', selector: 's1' }),
      ]) {
        expect(res.status).toBe(403);
        expect(res.body.message).toBe(ADMIN_ONLY);
      }
      await marketer.get('/api/settings').expect(200);
    });

    it('shows the SMTP, DKIM and webhook configuration to admins only', async () => {
      const admin = await signInAs(t, 'admin');
      const hook = (
        await admin
          .post('/api/webhooks')
          .send({ name: 'CRM', url: 'https://93.184.216.34/vm', events: ['open'] })
          .expect(201)
      ).body;
      for (const role of ['viewer', 'marketer'] as const) {
        const browser = await signInAs(t, role);
        for (const path of [
          '/api/settings/smtp',
          '/api/settings/dkim',
          '/api/webhooks',
          `/api/webhooks/${hook.id}`,
          `/api/webhooks/${hook.id}/deliveries`,
        ]) {
          const res = await browser.get(path);
          expect({ role, path, status: res.status, message: res.body.message }).toEqual({
            role,
            path,
            status: 403,
            message: ADMIN_ONLY,
          });
          expect(res.text).not.toContain('93.184.216.34');
        }
        // Brand and tracking hold no secrets; the event names neither.
        await browser.get('/api/settings').expect(200);
        await browser.get('/api/webhooks/events').expect(200);
      }
      for (const path of ['/api/settings/smtp', '/api/settings/dkim', '/api/webhooks'])
        await admin.get(path).expect(200);
    });

    it('lets an admin manage users, keys and settings', async () => {
      const admin = await signInAs(t, 'admin');
      const created = await admin
        .post('/api/users')
        .send({ email: 'Lotte@Shop.example', role: 'viewer', name: 'Lotte Smit', locale: 'nl' })
        .expect(201);
      expect(created.body.user).toMatchObject({
        email: 'lotte@shop.example',
        role: 'viewer',
        name: 'Lotte Smit',
        locale: 'nl',
        disabled: false,
      });
      expect(created.body.generatedPassword).toHaveLength(16);
      await login({ email: 'lotte@shop.example', password: created.body.generatedPassword }).expect(200);
      await admin.post('/api/users').send({ email: 'lotte@shop.example', role: 'viewer' }).expect(409);
      const promoted = await admin.patch(`/api/users/${created.body.user.id}`).send({ role: 'marketer' }).expect(200);
      expect(promoted.body.role).toBe('marketer');
      await admin.post('/api/keys').send({ name: 'crm' }).expect(201);
      await admin
        .patch('/api/settings')
        .send({ brand: { name: 'Koffiebar' } })
        .expect(200);
      expect((await admin.get('/api/users').expect(200)).body.map((u: { email: string }) => u.email)).toContain(
        'lotte@shop.example',
      );
      await admin.delete(`/api/users/${created.body.user.id}`).expect(204);
      await admin.get(`/api/users/${created.body.user.id}`).expect(404);
    });

    it('an API key acts as admin', async () => {
      await t.api().get('/api/users').expect(200);
      // ...but has no user account.
      await t.api().get('/api/auth/me').expect(401);
    });

    it("enforces each route's role as declared (every /api operation in the OpenAPI document)", async () => {
      const doc = (await request(t.baseUrl).get('/api/openapi.json').expect(200)).body as {
        paths: Record<string, Record<string, unknown>>;
      };
      const ADMIN = new Set([
        'get /api/keys',
        'post /api/keys',
        'delete /api/keys/{id}',
        'get /api/users',
        'post /api/users',
        'get /api/users/{id}',
        'patch /api/users/{id}',
        'delete /api/users/{id}',
        'post /api/webhooks',
        'patch /api/webhooks/{id}',
        'delete /api/webhooks/{id}',
        'post /api/webhooks/{id}/rotate-secret',
        'patch /api/settings',
        'put /api/settings/dkim',
        'post /api/settings/dkim/generate',
        'delete /api/settings/dkim',
        'post /api/settings/smtp/{name}/test',
        // Configuration holding secrets, and where subscriber data goes: read by admins only.
        'get /api/settings/dkim',
        'get /api/settings/smtp',
        'get /api/webhooks',
        'get /api/webhooks/{id}',
        'post /api/webhooks/{id}/test',
        'get /api/webhooks/{id}/deliveries',
        'get /api/webhook-deliveries/{id}',
        'post /api/webhook-deliveries/{id}/retry',
      ]);
      const VIEWER_WRITES = new Set([
        'post /api/segments/preview',
        'post /api/templates/preview',
        'post /api/audience/count',
        'patch /api/auth/me',
      ]);
      const PUBLIC = new Set(['post /api/auth/login', 'post /api/auth/logout']);
      const viewer = await signInAs(t, 'viewer');
      const marketer = await signInAs(t, 'marketer');
      const operations = Object.entries(doc.paths)
        .filter(([path]) => path.startsWith('/api/'))
        .flatMap(([path, methods]) =>
          Object.keys(methods).map((method) => ({ method, path, key: `${method} ${path}` })),
        )
        .filter((op) => !PUBLIC.has(op.key));
      expect(operations.length).toBeGreaterThan(60);
      for (const op of [...ADMIN, ...VIEWER_WRITES]) expect(operations.map((o) => o.key)).toContain(op);
      const problems: string[] = [];
      for (const op of operations) {
        const url = op.path.replace(/\{[^}]+\}/g, '999999');
        const needs = ADMIN.has(op.key)
          ? 'admin'
          : op.method === 'get' || VIEWER_WRITES.has(op.key)
            ? 'viewer'
            : 'marketer';
        const asViewer = await (viewer as unknown as Record<string, (p: string) => request.Test>)
          [op.method](url)
          .send({});
        if ((asViewer.status === 403) !== (needs !== 'viewer'))
          problems.push(`${op.key}: viewer got ${asViewer.status} (${asViewer.body.message})`);
        // A marketer is only sent what cannot change anything: reads, and admin routes (refused before any work).
        if (op.method === 'get' || needs === 'admin') {
          const asMarketer = await (marketer as unknown as Record<string, (p: string) => request.Test>)
            [op.method](url)
            .send({});
          if ((asMarketer.status === 403) !== (needs === 'admin'))
            problems.push(`${op.key}: marketer got ${asMarketer.status}`);
        }
      }
      expect(problems).toEqual([]);
    });
  });

  describe('user administration', () => {
    it('cannot demote, disable or remove the last admin (409), and can once there is another', async () => {
      // Every admin made so far, but one, is removed: that one is the last.
      const admins = (await t.api().get('/api/users').expect(200)).body.filter(
        (u: { role: string }) => u.role === 'admin',
      );
      const last = await createUser(t, 'admin');
      for (const a of admins) await t.api().delete(`/api/users/${a.id}`).expect(204);

      const demote = await t.api().patch(`/api/users/${last.id}`).send({ role: 'marketer' }).expect(409);
      expect(demote.body.message).toBe(
        `You cannot change the role of ${last.email}: it is the last admin. Make someone else an admin first`,
      );
      await t.api().patch(`/api/users/${last.id}`).send({ disabled: true }).expect(409);
      await t.api().delete(`/api/users/${last.id}`).expect(409);
      // A disabled admin does not count.
      const disabledAdmin = await createUser(t, 'admin');
      await t.api().patch(`/api/users/${disabledAdmin.id}`).send({ disabled: true }).expect(200);
      await t.api().patch(`/api/users/${last.id}`).send({ role: 'viewer' }).expect(409);

      const second = await createUser(t, 'admin');
      const ok = await t.api().patch(`/api/users/${last.id}`).send({ role: 'marketer' }).expect(200);
      expect(ok.body.role).toBe('marketer');
      await t.api().patch(`/api/users/${second.id}`).send({ role: 'viewer' }).expect(409);
    });

    it('ends the sessions of a disabled user, who then cannot sign in', async () => {
      const marketer = await signInAs(t, 'marketer');
      await marketer.get('/api/auth/me').expect(200);
      await t.api().patch(`/api/users/${marketer.id}`).send({ disabled: true }).expect(200);
      await marketer.get('/api/auth/me').expect(401);
      await marketer.post('/api/lists').send({ name: 'x' }).expect(401);
      const again = await login({ email: marketer.email, password: marketer.password }, '198.51.100.7').expect(403);
      expect(again.body.message).toBe('This account has been disabled; ask an admin to enable it');
      await t.api().patch(`/api/users/${marketer.id}`).send({ disabled: false }).expect(200);
      await login({ email: marketer.email, password: marketer.password }, '198.51.100.7').expect(200);
    });

    it('ends the sessions of a deleted user and of one whose password an admin reset', async () => {
      const deleted = await signInAs(t, 'viewer');
      await t.api().delete(`/api/users/${deleted.id}`).expect(204);
      await deleted.get('/api/auth/me').expect(401);
      const reset = await signInAs(t, 'viewer');
      await t.api().patch(`/api/users/${reset.id}`).send({ password: 'a brand new password' }).expect(200);
      await reset.get('/api/auth/me').expect(401);
      await signIn(t, reset.email, 'a brand new password');
    });

    it('lets anyone change their own name, language and password (with the current one)', async () => {
      const viewer = await signInAs(t, 'viewer');
      const elsewhere = await signIn(t, viewer.email, viewer.password);
      const renamed = await viewer.patch('/api/auth/me').send({ name: 'Sanne Bakker', locale: 'nl' }).expect(200);
      expect(renamed.body.user).toMatchObject({ name: 'Sanne Bakker', locale: 'nl', role: 'viewer' });
      const noCurrent = await viewer.patch('/api/auth/me').send({ newPassword: 'een nieuw wachtwoord' }).expect(400);
      expect(noCurrent.body.message).toBe('Enter your current password to set a new one');
      const wrong = await viewer
        .patch('/api/auth/me')
        .send({ currentPassword: 'nope', newPassword: 'een nieuw wachtwoord' })
        .expect(400);
      expect(wrong.body.message).toBe('Your current password is wrong');
      const short = await viewer
        .patch('/api/auth/me')
        .send({ currentPassword: viewer.password, newPassword: 'kort' })
        .expect(400);
      expect(short.body.message).toBe('newPassword must be 10 to 256 characters long');
      await viewer
        .patch('/api/auth/me')
        .send({ currentPassword: viewer.password, newPassword: 'een nieuw wachtwoord' })
        .expect(200);
      // This session stays, the other one ends.
      await viewer.get('/api/auth/me').expect(200);
      await elsewhere.get('/api/auth/me').expect(401);
      await signIn(t, viewer.email, 'een nieuw wachtwoord');
      // Role and email are not one's own to change.
      await viewer.patch('/api/auth/me').send({ role: 'admin' }).expect(400);
    });
  });
});
