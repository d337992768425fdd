import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { freePort } from '../src/platform/embedded-redis';
import { waitUntil } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

const MAIN = join(__dirname, '..', 'dist', 'main.js');

describe('platform (real app, Redis, database and SMTP sink)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports database, redis and smtp healthy', async () => {
    const res = await request(t.baseUrl).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', checks: { database: 'ok', redis: 'ok', smtp: 'ok' } });
  });

  describe('API key authentication', () => {
    it('refuses a request without a key', async () => {
      const res = await request(t.baseUrl).get('/api/keys').expect(401);
      expect(res.body.message).toMatch(/Authorization: Bearer/);
    });

    it('refuses a wrong key and a malformed header', async () => {
      await request(t.baseUrl)
        .get('/api/keys')
        .set('Authorization', 'Bearer vm_AAAAAAAAAAAA_' + 'x'.repeat(32))
        .expect(401);
      await request(t.baseUrl).get('/api/keys').set('Authorization', `Basic ${t.apiKey}`).expect(401);
      const tampered = t.apiKey.slice(0, -1) + (t.apiKey.endsWith('a') ? 'b' : 'a');
      await request(t.baseUrl).get('/api/keys').set('Authorization', `Bearer ${tampered}`).expect(401);
    });

    it('accepts a valid key, never returns hashes, and refuses it once revoked', async () => {
      const created = await t.api().post('/api/keys').send({ name: 'crm' }).expect(201);
      expect(created.body.key).toMatch(/^vm_[A-Za-z0-9]{12}_/);
      const asNew = () => request(t.baseUrl).get('/api/keys').set('Authorization', `Bearer ${created.body.key}`);
      const listed = await asNew().expect(200);
      expect(listed.body.map((k: { name: string }) => k.name)).toEqual(['test', 'crm']);
      expect(JSON.stringify(listed.body)).not.toContain('hash');
      await t.api().delete(`/api/keys/${created.body.id}`).expect(200);
      const res = await asNew().expect(401);
      expect(res.body.message).toMatch(/revoked/);
    });

    it('answers 404 with a message for an unknown key id', async () => {
      const res = await t.api().delete('/api/keys/9999').expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, message: 'API key 9999 does not exist' });
    });
  });

  it('refuses unknown fields by name', async () => {
    const res = await t.api().post('/api/keys').send({ name: 'x', admin: true }).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.body.message).toContain('admin is not a known field');
    expect(res.body.details).toEqual([{ field: 'admin', problems: ['admin is not a known field'] }]);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await t.api().post('/api/keys').set('content-type', 'application/json').send('{"name":').expect(400);
    expect(res.body.statusCode).toBe(400);
  });

  it('delivers a test mail that the SMTP sink receives with its headers and both parts', async () => {
    const res = await t.api().post('/api/mail/test').send({ to: 'marketer@example.com' }).expect(200);
    const [mail] = await t.sink.waitFor(1);
    expect(mail.envelopeTo).toEqual(['marketer@example.com']);
    expect(mail.parsed.subject).toBe('valuemail test message');
    expect(mail.parsed.from?.value[0].address).toBe('newsletter@valuemail.localhost');
    expect(mail.parsed.messageId).toBe(res.body.messageId);
    expect(mail.parsed.headers.get('x-valuemail-test')).toBe('yes');
    expect(mail.parsed.text).toContain('sending works');
    expect(mail.parsed.html).toContain('<a href="http://127.0.0.1:');
  });

  it('serves the OpenAPI document', async () => {
    const res = await request(t.baseUrl).get('/api/openapi.json').expect(200);
    expect(res.body.paths['/api/keys']).toBeDefined();
    expect(res.body.components.schemas.CreateApiKeyDto.required).toEqual(['name']);
  });
});

describe('process start-up', () => {
  it('stops with one clear line for a bad environment value', () => {
    const result = spawnSync(process.execPath, [MAIN], {
      env: { ...process.env, PORT: 'eighty' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr.trim()).toBe(
      'valuemail: invalid configuration: PORT must be a whole number from 1 to 65535 (got "eighty")',
    );
  });

  it('runs a worker-only process that serves /health and no API', async () => {
    const t = await startTestApp({ mode: 'api' });
    const port = await freePort();
    const worker = spawn(process.execPath, [join(__dirname, '..', 'dist', 'worker.js')], {
      env: { ...process.env, ...t.env, MODE: 'worker', WORKER_PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      const url = `http://127.0.0.1:${port}`;
      const health = await waitUntil(
        () =>
          request(url)
            .get('/health')
            .then((r) => r as request.Response | undefined)
            .catch(() => undefined),
        (r) => r !== undefined,
        10_000,
        'the worker to answer /health',
      );
      expect(health?.status).toBe(200);
      expect(health?.body.checks).toEqual({ database: 'ok', redis: 'ok', smtp: 'ok' });
      await request(url).get('/api/keys').expect(404);
      worker.kill('SIGTERM');
      const code = await new Promise<number | null>((resolve) => worker.once('exit', (c) => resolve(c)));
      expect(code).toBe(0);
    } finally {
      if (worker.exitCode === null) worker.kill('SIGKILL');
      await t.close();
    }
  });
});
