import { DataSource, EntityManager } from 'typeorm';
import { EventLogConsumer, EventLogFollower, LoggedEvent } from '../src/events/event-log.follower';
import { EventWriter } from '../src/events/event-writer';
import { startTestApp, TestApp } from './support/test-app';

class RecordingConsumer implements EventLogConsumer {
  readonly seen: LoggedEvent[] = [];
  failNext = false;
  constructor(readonly name: string) {}
  async handle(events: LoggedEvent[], manager: EntityManager): Promise<void> {
    await manager.query('SELECT 1');
    if (this.failNext) {
      this.failNext = false;
      throw new Error('consumer failed');
    }
    this.seen.push(...events);
  }
}

describe('event log follower', () => {
  let t: TestApp;
  let follower: EventLogFollower;
  let writer: EventWriter;

  beforeAll(async () => {
    t = await startTestApp({ mode: 'api' });
    follower = t.app.get(EventLogFollower);
    writer = t.app.get(EventWriter);
  });
  afterAll(() => t.close());

  it('hands every event once, in id order, with plain values, and remembers its position', async () => {
    const consumer = new RecordingConsumer('test-order');
    follower.register(consumer);
    const at = new Date('2026-11-01T10:00:00.250Z');
    await writer.record([
      { type: 'open', subscriberId: 7, campaignId: 3, occurredAt: at, machine: true },
      { type: 'click', subscriberId: 7, campaignId: 3, occurredAt: at, data: { index: 2 } },
    ]);
    expect(await follower.catchUp('test-order')).toBe(2);
    expect(consumer.seen.map((e) => [e.type, e.subscriberId, e.campaignId, e.occurredAt, e.machine, e.data])).toEqual([
      ['open', 7, 3, at.getTime(), true, {}],
      ['click', 7, 3, at.getTime(), false, { index: 2 }],
    ]);
    expect(await follower.catchUp('test-order')).toBe(0);
    expect(await follower.position('test-order')).toBe(consumer.seen[1].id);
  });

  it('a failing batch moves nothing and is handed again', async () => {
    const consumer = new RecordingConsumer('test-retry');
    follower.register(consumer);
    await follower.skipToEnd('test-retry');
    await writer.record({ type: 'open', subscriberId: 8, occurredAt: new Date() });
    consumer.failNext = true;
    await expect(follower.catchUp('test-retry')).rejects.toThrow('consumer failed');
    expect(consumer.seen).toHaveLength(0);
    expect(await follower.catchUp('test-retry')).toBe(1);
    expect(consumer.seen.map((e) => e.subscriberId)).toEqual([8]);
  });

  it('rewinding replays the whole log', async () => {
    const consumer = new RecordingConsumer('test-rewind');
    follower.register(consumer);
    await follower.catchUp('test-rewind');
    const before = consumer.seen.length;
    await t.app.get(DataSource).transaction((m) => follower.rewind('test-rewind', m));
    await follower.catchUp('test-rewind');
    expect(consumer.seen.length).toBe(before * 2);
  });

  (process.env.TEST_DATABASE_URL ? it : it.skip)(
    'on PostgreSQL waits at a fresh id gap and passes an old one',
    async () => {
      const consumer = new RecordingConsumer('test-gap');
      follower.register(consumer);
      await follower.skipToEnd('test-gap');
      const ds = t.app.get(DataSource);
      const head = await follower.head();
      const insert = (id: number, createdAt: string) =>
        ds.query(
          `INSERT INTO events (id, type, occurred_at, data, machine, created_at) VALUES ($1, 'open', now(), '{}', false, ${createdAt})`,
          [id],
        );
      await insert(head + 2, 'now()');
      expect(await follower.catchUp('test-gap')).toBe(0);
      await insert(head + 1, 'now()');
      expect(await follower.catchUp('test-gap')).toBe(2);
      await insert(head + 4, "now() - interval '1 minute'");
      expect(await follower.catchUp('test-gap')).toBe(1);
      expect(consumer.seen.map((e) => e.id)).toEqual([head + 1, head + 2, head + 4]);
    },
  );
});
