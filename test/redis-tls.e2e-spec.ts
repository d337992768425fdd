import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleContent } from '../src/kinds/kind-content.registry';
import { freePort } from '../src/platform/embedded-redis';
import { createAudience, waitUntil } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

// A Redis that is not ours: a password, TLS only, a certificate from a private CA (as a managed Redis or a
// company's own server has). The engine reaches it through REDIS_URL=rediss://:password@… and REDIS_TLS_CA_FILE.
describe('a Redis with a password and TLS (real redis-server with --tls-port)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vm-redis-tls-'));
  let server: ChildProcess;
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'ca.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    port = await freePort();
    server = spawn(
      'redis-server',
      [
        '--port',
        '0',
        '--tls-port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--tls-cert-file',
        join(dir, 'ca.pem'),
        '--tls-key-file',
        join(dir, 'key.pem'),
        '--tls-ca-cert-file',
        join(dir, 'ca.pem'),
        '--tls-auth-clients',
        'no',
        '--requirepass',
        'correct-horse',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
      ],
      { stdio: 'ignore' },
    );
    t = await startTestApp({
      env: {
        REDIS_URL: `rediss://:correct-horse@127.0.0.1:${port}`,
        REDIS_TLS_CA_FILE: join(dir, 'ca.pem'),
        SCHEDULER_TICK_MS: '200',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('queues and sends through it: every recipient received', async () => {
    const health = await t.http().get('/health').expect(200);
    expect(health.body.checks.redis).toBe('ok');
    const audience = await createAudience(t, 50);
    const created = await t
      .api()
      .post('/api/campaigns')
      .send({
        kind: 'poll',
        name: 'tls',
        subject: 'Poll',
        audience: { listIds: [audience.listId] },
        content: sampleContent('poll'),
      })
      .expect(201);
    await t.api().post(`/api/campaigns/${created.body.id}/send`).expect(200);
    await waitUntil(
      () =>
        t
          .api()
          .get(`/api/campaigns/${created.body.id}/progress`)
          .then((r) => r.body),
      (p) => p.status === 'finished',
      30_000,
      'the campaign to finish',
    );
    expect(new Set(t.sink.received.map((m) => m.envelopeTo[0]))).toEqual(new Set(audience.emails));
  });
});
