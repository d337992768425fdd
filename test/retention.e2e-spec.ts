import { DataSource } from 'typeorm';
import { RetentionPruner } from '../src/retention/retention-pruner';
import { WebhookDeliveryWriter } from '../src/webhooks/webhook-delivery.writer';
import { createAudience, waitUntil } from './support/fixtures';
import { holdClock, HeldClock } from './support/kinds';
import { createUser, signIn } from './support/sessions';
import { startTestApp, TestApp } from './support/test-app';
import { Receiver } from './support/webhook-receiver';

const DAY = 86_400_000;

describe('retention: scheduled pruning of webhook deliveries, idempotency keys, import bad rows and sessions', () => {
  let t: TestApp;
  let ds: DataSource;
  let receiver: Receiver;
  let clock: HeldClock;
  let importId: number;

  const count = async (table: string) => Number((await ds.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const counts = async () => ({
    deliveries: await count('webhook_deliveries'),
    attempts: await count('webhook_attempts'),
    idempotencyKeys: await count('idempotency_keys'),
    importErrors: await count('import_errors'),
    imports: await count('imports'),
    sessions: await count('user_sessions'),
  });

  beforeAll(async () => {
    receiver = await new Receiver().start();
    receiver.answer('/down', 503);
    t = await startTestApp({
      env: {
        WEBHOOKS_ALLOW_PRIVATE: 'true',
        WEBHOOKS_RETRY_BASE_SECONDS: '3600',
        WEBHOOKS_MAX_ATTEMPTS: '20',
        RETAIN_WEBHOOK_DELIVERIES_DAYS: '30',
        RETAIN_IDEMPOTENCY_KEYS_DAYS: '14',
        RETAIN_IMPORT_ERRORS_DAYS: '90',
      },
    });
    ds = t.app.get(DataSource);

    const up = (
      await t
        .api()
        .post('/api/webhooks')
        .send({ name: 'Up', url: receiver.url('/up'), events: ['poll.answered'] })
        .expect(201)
    ).body;
    const down = (
      await t
        .api()
        .post('/api/webhooks')
        .send({ name: 'Down', url: receiver.url('/down'), events: ['poll.answered'] })
        .expect(201)
    ).body;
    const pings = [
      (await t.api().post(`/api/webhooks/${up.id}/test`).expect(202)).body.id,
      (await t.api().post(`/api/webhooks/${up.id}/test`).expect(202)).body.id,
    ];
    // An event delivery to a receiver that is down: retried for hours, pending all the while.
    await ds.transaction((tx) =>
      t.app.get(WebhookDeliveryWriter).write(tx, [
        {
          endpointId: down.id,
          event: 'ping',
          eventId: null,
          sourceKey: 'retried',
          subscriberId: null,
          data: {},
          occurredAt: new Date(),
        },
      ]),
    );
    const [retried] = await ds.query("SELECT id FROM webhook_deliveries WHERE source_key = 'retried'");
    pings.push(retried.id);
    await waitUntil(
      () =>
        Promise.all(
          pings.map((id) =>
            t
              .api()
              .get(`/api/webhook-deliveries/${id}`)
              .then((r) => r.body),
          ),
        ),
      (ds) => ds[0].status === 'delivered' && ds[1].status === 'delivered' && ds[2].attempts >= 1,
      20_000,
      'pings',
    );

    const [subscriberId] = (await createAudience(t, 1)).subscriberIds;
    for (const orderId of ['o-1', 'o-2']) {
      await t
        .api()
        .post('/api/events/purchases')
        .set('Idempotency-Key', orderId)
        .send({ subscriberId, orderId, amount: 10, currency: 'EUR' })
        .expect(201);
    }
    const csv = 'email,name\ngood@example.org,Good\nnot-an-address,Bad\nalso bad,Bad\n';
    importId = (await t.api().post('/api/imports').attach('file', Buffer.from(csv), 'people.csv').expect(201)).body.id;
    await waitUntil(
      () =>
        t
          .api()
          .get(`/api/imports/${importId}`)
          .then((r) => r.body),
      (p) => p.status === 'finished',
      20_000,
      'import',
    );

    const user = await createUser(t, 'marketer');
    await signIn(t, user.email, user.password);
    clock = holdClock(t, Date.now());
  });
  afterAll(async () => {
    clock.release();
    await t.close();
    await receiver.stop();
  });

  it('keeps everything younger than its retention, and ends sessions at their expiry', async () => {
    const before = await counts();
    expect(before).toMatchObject({ deliveries: 3, idempotencyKeys: 2, importErrors: 2, sessions: 1 });
    clock.advance(8 * DAY);
    const pruned = await t.app.get(RetentionPruner).prune();
    expect(pruned).toEqual({ webhookDeliveries: 0, idempotencyKeys: 0, importErrors: 0, sessions: 1 });
    expect(await counts()).toEqual({ ...before, sessions: 0 });
    await t.api().get(`/api/imports/${importId}/errors.csv`).expect(200);
  });

  it('removes idempotency keys after 14 days and finished deliveries with their attempts after 30; a delivery still pending stays', async () => {
    clock.advance(7 * DAY);
    expect(await t.app.get(RetentionPruner).prune()).toMatchObject({ idempotencyKeys: 2, webhookDeliveries: 0 });
    clock.advance(16 * DAY);
    expect(await t.app.get(RetentionPruner).prune()).toMatchObject({ webhookDeliveries: 2, importErrors: 0 });
    const after = await counts();
    expect(after).toMatchObject({ deliveries: 1, idempotencyKeys: 0, importErrors: 2 });
    const [left] = await ds.query('SELECT status FROM webhook_deliveries');
    expect(left.status).toBe('pending');
    expect(after.attempts).toBe(
      Number(
        (
          await ds.query(
            'SELECT COUNT(*) AS n FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id',
          )
        )[0].n,
      ),
    );
  });

  it("removes an import's bad rows after 90 days, keeps its counts, and says so for errors.csv", async () => {
    clock.advance(60 * DAY);
    expect(await t.app.get(RetentionPruner).prune()).toMatchObject({ importErrors: 2 });
    expect(await counts()).toMatchObject({ importErrors: 0, imports: 1 });
    const progress = (await t.api().get(`/api/imports/${importId}`).expect(200)).body;
    expect(progress).toMatchObject({ imported: 1, failed: 2 });
    const gone = await t.api().get(`/api/imports/${importId}/errors.csv`).expect(410);
    expect(gone.body.message).toBe(
      `The bad rows of import ${importId} were removed 90 days after it finished (RETAIN_IMPORT_ERRORS_DAYS); its counts are kept`,
    );
  });
});
