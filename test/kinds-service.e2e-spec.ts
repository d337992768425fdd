import { sampleContent } from '../src/kinds/kind-content.registry';
import { createAudience } from './support/fixtures';
import {
  count,
  forge,
  formAction,
  holdClock,
  htmlFor,
  linksIn,
  postForm,
  rows,
  sendKindCampaign,
  settleActs,
  tokenOf,
} from './support/kinds';
import { startTestApp, TestApp } from './support/test-app';

describe('service kind: one-click requests per offer', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_TICK_MS: '200' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('records a request per offer with an optional note, lets the marketer move it, and reports per offer', async () => {
    const audience = await createAudience(t, 3);
    const id = await sendKindCampaign(t, 'service', sampleContent('service'), audience.listId);
    const links = linksIn(t, htmlFor(t, audience.emails[0]), 's');
    expect(links.map((l) => l.split('/')[3])).toEqual(['0', '1']);
    const clock = holdClock(t);
    try {
      const done = await t.http().get(links[0]).expect(200);
      expect(done.text).toContain('Free gift wrapping');
      expect(done.text).not.toContain('<script');
      expect(done.text).toContain('Which order should we wrap');
      expect(await count(t, 'service_requests')).toBe(0);
      await t.http().get(links[0]).expect(200); // a second click: still one request
      // The note is written while the request waits for the scanner rules: it is kept with it.
      await postForm(t, formAction(done.text), { note: 'Order 1234, card: Happy New Year Mum' }).expect(200);
      await t
        .http()
        .get(linksIn(t, htmlFor(t, audience.emails[1]), 's')[0])
        .expect(200);
      await settleActs(t, clock);
      // The second offer a minute later, after reading the first page: a person, not a burst.
      clock.advance(60_000);
      await t
        .http()
        .get(linksIn(t, htmlFor(t, audience.emails[1]), 's')[1])
        .expect(200);
      await settleActs(t, clock);
    } finally {
      clock.release();
    }

    const [request] = await rows<{ id: number; note: string; status: string }>(
      t,
      'SELECT id, note, status FROM service_requests WHERE subscriber_id = ?',
      [audience.subscriberIds[0]],
    );
    expect(request).toMatchObject({ note: 'Order 1234, card: Happy New Year Mum', status: 'new' });
    expect(await count(t, 'events', "type = 'service_requested' AND campaign_id = ?", [id])).toBe(3);

    const listed = (await t.api().get(`/api/service-requests?campaignId=${id}&status=new`).expect(200)).body;
    expect(listed).toHaveLength(3);
    await t.api().patch(`/api/service-requests/${request.id}`).send({ status: 'in_progress' }).expect(200);
    const moved = (await t.api().patch(`/api/service-requests/${request.id}`).send({ status: 'done' }).expect(200))
      .body;
    expect(moved.status).toBe('done');
    await t.api().patch(`/api/service-requests/${request.id}`).send({ status: 'new' }).expect(409);
    await t.api().patch('/api/service-requests/999999').send({ status: 'done' }).expect(404);
    await t.api().patch(`/api/service-requests/${request.id}`).send({ status: 'lost' }).expect(400);

    const report = (await t.api().get(`/api/campaigns/${id}/report/service`).expect(200)).body;
    expect(report).toMatchObject({ sent: 3, requests: 3 });
    expect(report.offers[0]).toMatchObject({ title: 'Free gift wrapping', requests: 2, done: 1, new: 1 });
    expect(report.offers[1]).toMatchObject({ requests: 1 });

    const token = tokenOf(links[0]);
    for (const path of [`/s/${forge(token)}/0`, '/s/garbage-token-1234/0', `/s/${token}/7`, `/s/${token}/x`]) {
      expect((await t.http().get(path).expect(404)).text).toContain('This link does not work');
      await postForm(t, path).expect(404);
    }
    await postForm(t, `/s/${forge(token)}/0/note`, { note: 'x' }).expect(404);
    expect(await count(t, 'service_requests')).toBe(3);
  });
});
