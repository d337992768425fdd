import { createAudience, waitUntil } from './support/fixtures';
import { sampleContent } from '../src/kinds/kind-content.registry';
import { startTestApp, TestApp } from './support/test-app';
import { WorkerProcess } from './support/worker-process';

// The API runs in this process; sending happens in separate worker processes
// that are killed mid-campaign, as a crashed or redeployed worker would be.
describe('sending survives worker crashes (real worker processes)', () => {
  let t: TestApp;
  const POOL = 5;
  const env = {
    SEND_LEASE_MS: '4000',
    SCHEDULER_TICK_MS: '200',
    SEND_RETRY_BASE_MS: '100',
    SMTP_POOL_SIZE: String(POOL),
  };

  beforeAll(async () => {
    t = await startTestApp({ mode: 'api', env });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(() => {
    t.sink.received.length = 0;
  });

  const progress = (id: number) =>
    t
      .api()
      .get(`/api/campaigns/${id}/progress`)
      .then((r) => r.body);

  async function campaignTo(listId: number): Promise<number> {
    const created = await t
      .api()
      .post('/api/campaigns')
      .send({
        kind: 'poll',
        name: 'crash test',
        subject: 'Poll',
        audience: { listIds: [listId] },
        content: sampleContent('poll'),
      })
      .expect(201);
    await t.api().post(`/api/campaigns/${created.body.id}/send`).expect(200);
    return created.body.id;
  }

  it('delivers to everyone despite 3 SIGKILLs, with duplicates bounded by what was inside SMTP at each kill (the pool)', async () => {
    const audience = await createAudience(t, 5000);
    const worker = new WorkerProcess({ ...t.env, ...env }).start();
    try {
      const id = await campaignTo(audience.listId);
      const killPoints = [1, 2, 3].map((i) => Math.floor(i * 1100 + Math.random() * 800)).sort((a, b) => a - b);
      for (const point of killPoints) {
        await t.sink.waitFor(point, 60_000);
        expect(await worker.stop('SIGKILL')).toBeNull();
        worker.start();
      }
      const done = await waitUntil(
        () => progress(id),
        (p) => p.status === 'finished',
        90_000,
        'campaign to finish after crashes',
      );
      const perAddress = new Map<string, number>();
      for (const m of t.sink.received) perAddress.set(m.envelopeTo[0], (perAddress.get(m.envelopeTo[0]) ?? 0) + 1);
      const missing = audience.emails.filter((e) => !perAddress.has(e));
      const duplicates = t.sink.received.length - perAddress.size;
      expect({ missing: missing.length, done }).toEqual({ missing: 0, done: expect.objectContaining({ failed: 0 }) });
      expect(done.sent).toBe(5000);
      // Each accepted message is on record one short write later: a kill re-sends at most the pool's open transactions.
      expect(duplicates).toBeLessThanOrEqual(killPoints.length * POOL);
    } finally {
      await worker.stop('SIGKILL');
    }
  }, 180_000);

  it('a worker frozen past its lease (SIGSTOP, then SIGCONT) does not send the rows another worker took over', async () => {
    const audience = await createAudience(t, 3000);
    const frozen = new WorkerProcess({ ...t.env, ...env }).start();
    const other = new WorkerProcess({ ...t.env, ...env }).start();
    try {
      const id = await campaignTo(audience.listId);
      await t.sink.waitFor(600, 60_000);
      frozen.signal('SIGSTOP');
      // Its claimed rows expire (SEND_LEASE_MS) and are sent by the other worker.
      await waitUntil(
        () => progress(id),
        (p) => p.uncertain > 0,
        60_000,
        "the frozen worker's rows to expire",
      );
      frozen.signal('SIGCONT');
      const done = await waitUntil(
        () => progress(id),
        (p) => p.status === 'finished',
        90_000,
        'campaign to finish after the freeze',
      );
      expect(done).toMatchObject({ sent: 3000, failed: 0 });
      const perAddress = new Map<string, number>();
      for (const m of t.sink.received) perAddress.set(m.envelopeTo[0], (perAddress.get(m.envelopeTo[0]) ?? 0) + 1);
      expect(audience.emails.filter((e) => !perAddress.has(e))).toEqual([]);
      // What the frozen worker had inside SMTP when it stopped may arrive twice, and what the relay had accepted
      // while the write that records it was open (PostgreSQL ends that transaction): nothing it had only claimed.
      expect(t.sink.received.length - perAddress.size).toBeLessThanOrEqual(2 * POOL);
    } finally {
      frozen.signal('SIGCONT');
      await Promise.all([frozen.stop('SIGKILL'), other.stop('SIGKILL')]);
    }
  }, 180_000);

  it('a SIGTERM finishes in-flight batches: no duplicates and nothing uncertain', async () => {
    const audience = await createAudience(t, 1500);
    const worker = new WorkerProcess({ ...t.env, ...env }).start();
    try {
      const id = await campaignTo(audience.listId);
      await t.sink.waitFor(400, 60_000).catch((e) => {
        throw new Error(`${e.message}; worker said: ${worker.stderr}`);
      });
      expect(await worker.stop('SIGTERM')).toBe(0);
      worker.start();
      const done = await waitUntil(
        () => progress(id),
        (p) => p.status === 'finished',
        90_000,
        'campaign to finish after SIGTERM',
      );
      expect(done).toMatchObject({ sent: 1500, uncertain: 0 });
      expect(t.sink.received).toHaveLength(1500);
      expect(new Set(t.sink.received.map((m) => m.envelopeTo[0])).size).toBe(1500);
    } finally {
      await worker.stop('SIGKILL');
    }
  }, 120_000);

  it('two workers, two "send now" calls and the scheduler: each recipient exactly once', async () => {
    const audience = await createAudience(t, 2000);
    const workers = [new WorkerProcess({ ...t.env, ...env }).start(), new WorkerProcess({ ...t.env, ...env }).start()];
    try {
      const at = new Date(Date.now() + 1500).toISOString();
      const created = await t
        .api()
        .post('/api/campaigns')
        .send({
          kind: 'poll',
          name: 'race',
          subject: 'Poll',
          audience: { listIds: [audience.listId] },
          content: sampleContent('poll'),
          scheduledAt: at,
        })
        .expect(201);
      // Real time: the scheduler runs in the worker processes, whose Clock this test cannot move; the "send now"
      // calls go out just before the schedule is due, so they race its tick.
      await new Promise((r) => setTimeout(r, 1450));
      const calls = await Promise.all([1, 2].map(() => t.api().post(`/api/campaigns/${created.body.id}/send`)));
      expect(calls.map((c) => c.status).every((s) => s === 200 || s === 409)).toBe(true);
      const done = await waitUntil(
        () => progress(created.body.id),
        (p) => p.status === 'finished',
        90_000,
        'campaign to finish',
      );
      expect(done).toMatchObject({ total: 2000, sent: 2000, uncertain: 0 });
      expect(t.sink.received).toHaveLength(2000);
      expect(new Set(t.sink.received.map((m) => m.envelopeTo[0])).size).toBe(2000);
    } finally {
      await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    }
  }, 120_000);
});
