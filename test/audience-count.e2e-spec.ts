import { createAudience, addToList, waitUntil } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

// POST /api/audience/count: the composer's live recipient count is the fan-out's own query, counted.
describe('audience count', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_TICK_MS: '200' } });
  });
  afterAll(() => t.close());

  it('counts confirmed, active, unsuppressed members of the lists, narrowed by a segment, minus excluded lists, as fan-out does', async () => {
    // List A: 6 people; list B: 4 people, 2 of them also in A.
    const a = await createAudience(t, 6, { prefix: 'cnt' });
    const b = await createAudience(t, 2, { prefix: 'cntb' });
    await addToList(t, b.listId, a.subscriberIds.slice(0, 2));
    // One of A unsubscribes, one is blocklisted (suppressed): 4 left in A.
    await t.api().patch(`/api/subscribers/${a.subscriberIds[5]}`).send({ status: 'unsubscribed' }).expect(200);
    await t.api().patch(`/api/subscribers/${a.subscriberIds[4]}`).send({ status: 'blocklisted' }).expect(200);
    const count = async (audience: Record<string, unknown>) =>
      (await t.api().post('/api/audience/count').send(audience).expect(200)).body.count;

    expect(await count({ listIds: [a.listId] })).toBe(4);
    // A ∪ B: 4 + 2 new (the 2 shared counted once).
    expect(await count({ listIds: [a.listId, b.listId] })).toBe(6);
    // Minus B: A's 4 without the 2 also in B.
    expect(await count({ listIds: [a.listId], excludeListIds: [b.listId] })).toBe(2);
    // A segment narrows the lists: names "Klant 0" and "Klant 1" (createAudience numbers names per call).
    const segment = (
      await t
        .api()
        .post('/api/segments')
        .send({ name: 'First two', filter: { field: 'name', op: 'in', value: ['Klant 0', 'Klant 1'] } })
        .expect(201)
    ).body;
    expect(await count({ listIds: [a.listId], segmentId: segment.id })).toBe(2);
    // A segment alone is an audience: every active, unsuppressed match on any list or none (Klant 0/1 of both calls).
    expect(await count({ listIds: [], segmentId: segment.id })).toBe(4);
    expect(await count({ listIds: [] })).toBe(0);

    // And the campaign sent to A ∪ B − nothing reaches exactly that many.
    const created = await t
      .api()
      .post('/api/campaigns')
      .send({
        kind: 'poll',
        name: 'Count check',
        subject: 'Q',
        audience: { listIds: [a.listId, b.listId] },
        content: { question: 'Q?', type: 'nps' },
      })
      .expect(201);
    await t.api().post(`/api/campaigns/${created.body.id}/send`).expect(200);
    const progress = await waitUntil(
      () =>
        t
          .api()
          .get(`/api/campaigns/${created.body.id}/progress`)
          .then((r) => r.body),
      (p) => p.status === 'finished',
      30_000,
      'the campaign',
    );
    expect(progress.total).toBe(6);
  });

  it('refuses a bad audience by field, and an unknown segment with 404', async () => {
    const bad = await t
      .api()
      .post('/api/audience/count')
      .send({ listIds: ['x'] })
      .expect(400);
    expect(bad.body.details).toHaveLength(1);
    expect(bad.body.details[0].field).toBe('listIds');
    expect(bad.body.details[0].problems).toEqual(['each of listIds must be a whole number like 42 (at least 1)']);
    await t.api().post('/api/audience/count').send({ listIds: [], segmentId: 99999 }).expect(404);
  });
});
