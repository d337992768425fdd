import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleContent } from '../src/kinds/kind-content.registry';
import { EmbeddedRedis, startEmbeddedRedis } from '../src/platform/embedded-redis';
import { createAudience, waitUntil } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { WorkerProcess } from './support/worker-process';

const POOL = 5;
const OUTAGE_MS = 8000;

// The real redis-server (queues, leases' jobs, rate meter) stops mid-send and
// comes back on the same port with its append-only file, as a restarted Redis does.
describe('a Redis outage mid-send (real redis-server stopped and started, real worker process)', () => {
  let t: TestApp;
  let redis: EmbeddedRedis;
  let port: number;
  const dir = mkdtempSync(join(tmpdir(), 'vm-redis-outage-'));

  beforeAll(async () => {
    redis = await startEmbeddedRedis(dir);
    port = Number(new URL(redis.url).port);
    t = await startTestApp({
      mode: 'api',
      env: { REDIS_URL: redis.url, SEND_LEASE_MS: '4000', SCHEDULER_TICK_MS: '200', SMTP_POOL_SIZE: String(POOL) },
    });
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends everyone exactly once after Redis comes back, nothing failed', async () => {
    const audience = await createAudience(t, 2000);
    const worker = new WorkerProcess(t.env).start();
    try {
      const created = await t
        .api()
        .post('/api/campaigns')
        .send({
          kind: 'poll',
          name: 'redis outage',
          subject: 'Poll',
          audience: { listIds: [audience.listId] },
          content: sampleContent('poll'),
        })
        .expect(201);
      const id = created.body.id;
      await t.api().post(`/api/campaigns/${id}/send`).expect(200);
      await t.sink.waitFor(300, 60_000);
      await redis.stop();
      const duringOutage = t.sink.received.length;
      // The outage itself is what is tested: it lasts this long whatever the engine does.
      await new Promise((r) => setTimeout(r, OUTAGE_MS));
      // With the queues unreachable, sending stops at what was already claimed.
      expect(t.sink.received.length - duringOutage).toBeLessThanOrEqual(Number(t.env.SEND_BATCH_SIZE ?? 100) * 4);
      redis = await startEmbeddedRedis(dir, undefined, port);

      const done = await waitUntil(
        () =>
          t
            .api()
            .get(`/api/campaigns/${id}/progress`)
            .then((r) => r.body),
        (p) => p.status === 'finished',
        90_000,
        'the campaign to finish after Redis came back',
      );
      expect(done).toMatchObject({ sent: 2000, failed: 0 });
      const perAddress = new Map<string, number>();
      for (const m of t.sink.received) perAddress.set(m.envelopeTo[0], (perAddress.get(m.envelopeTo[0]) ?? 0) + 1);
      expect(audience.emails.filter((e) => !perAddress.has(e))).toEqual([]);
      expect(t.sink.received.length - perAddress.size).toBeLessThanOrEqual(POOL);
    } finally {
      await worker.stop('SIGKILL');
    }
  }, 180_000);
});
