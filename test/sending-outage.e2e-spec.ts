import { sampleContent } from '../src/kinds/kind-content.registry';
import { createAudience, waitUntil } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

const POOL = 5;

// The relay goes away mid-send for far longer than the per-message retry
// schedule (3 attempts, 100 ms apart): a transport outage must not burn them.
describe('an SMTP relay outage mid-send (real SMTP sink stopped and started)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        SEND_RETRY_BASE_MS: '100',
        SEND_MAX_ATTEMPTS: '3',
        SMTP_PROBE_MAX_SECONDS: '1',
        SCHEDULER_TICK_MS: '200',
        SMTP_POOL_SIZE: String(POOL),
      },
    });
  });
  afterAll(() => t.close());

  const progress = (id: number) =>
    t
      .api()
      .get(`/api/campaigns/${id}/progress`)
      .expect(200)
      .then((r) => r.body);

  it('waits for the relay without counting attempts, says so, and sends everyone exactly once when it is back', async () => {
    const audience = await createAudience(t, 1500);
    const created = await t
      .api()
      .post('/api/campaigns')
      .send({
        kind: 'poll',
        name: 'outage',
        subject: 'Poll',
        audience: { listIds: [audience.listId] },
        content: sampleContent('poll'),
      })
      .expect(201);
    const id = created.body.id;
    await t.api().post(`/api/campaigns/${id}/send`).expect(200);

    await t.sink.waitFor(300, 60_000);
    await t.sink.goDown();
    const waiting = await waitUntil(
      () => progress(id),
      (p) => p.waitingForSmtp !== null,
      20_000,
      'the campaign to say it waits for SMTP',
    );
    expect(waiting.status).toBe('running');
    expect(waiting.waitingForSmtp).toMatchObject({
      transport: 'default',
      since: expect.any(String),
      reason: expect.any(String),
    });
    // Down for several probe rounds, each far past the per-message retry schedule.
    const since = new Date(waiting.waitingForSmtp.since).getTime();
    await waitUntil(
      () => progress(id),
      (p) => p.waitingForSmtp !== null && new Date(p.waitingForSmtp.nextProbeAt).getTime() - since > 2500,
      20_000,
      'several failed probes',
    );
    const during = await progress(id);
    expect(during.failed).toBe(0);
    const health = await t.http().get('/health');
    expect(health.body.checks.smtp).toBe('down');

    await t.sink.comeBack();
    const done = await waitUntil(
      () => progress(id),
      (p) => p.status === 'finished',
      60_000,
      'the campaign to finish after the relay came back',
    );
    expect(done).toMatchObject({ sent: 1500, failed: 0, waitingForSmtp: null });

    const perAddress = new Map<string, number>();
    for (const m of t.sink.received) perAddress.set(m.envelopeTo[0], (perAddress.get(m.envelopeTo[0]) ?? 0) + 1);
    expect(audience.emails.filter((e) => !perAddress.has(e))).toEqual([]);
    // Only a message whose DATA the relay had taken when it went away can arrive twice.
    expect(t.sink.received.length - perAddress.size).toBeLessThanOrEqual(POOL);
  }, 120_000);
});
