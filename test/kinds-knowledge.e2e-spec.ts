import { EventWriter } from '../src/events/event-writer';
import { sampleContent } from '../src/kinds/kind-content.registry';
import { createAudience } from './support/fixtures';
import { htmlFor, linksIn, sendKindCampaign } from './support/kinds';
import { startTestApp, TestApp } from './support/test-app';

describe('knowledge kind: clicks per item and topic, subscriber interests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_TICK_MS: '200' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('maps tracked link clicks to items and topics, and decays interests', async () => {
    const audience = await createAudience(t, 2);
    const id = await sendKindCampaign(t, 'knowledge', sampleContent('knowledge'), audience.listId);
    const tracked = linksIn(t, htmlFor(t, audience.emails[0]), 'r');
    const campaign = (await t.api().get(`/api/campaigns/${id}`).expect(200)).body;
    // Follow every item link as the reader would; the redirect names the item's url.
    const targets = new Map<number, string>();
    for (const path of tracked) {
      const res = await t.http().get(path).redirects(0).expect(302);
      targets.set(Number(path.split('/')[3]), res.headers.location);
    }
    const indexOf = (url: string) => [...targets].find(([, u]) => u === url)![0];
    const [brewing, pairing, forum] = sampleContent('knowledge').items.map((i) => indexOf(i.url));
    expect(campaign.links[brewing]).toBe(sampleContent('knowledge').items[0].url);

    // What the tracking module writes for those clicks (its own work, simulated here).
    const events = t.app.get(EventWriter);
    const click = (subscriberId: number, index: number, daysAgo = 0, machine = false) =>
      events.record({
        type: 'click',
        campaignId: id,
        subscriberId,
        occurredAt: new Date(Date.now() - daysAgo * 86_400_000),
        data: { index, url: targets.get(index) },
        machine,
      });
    const [a, b] = audience.subscriberIds;
    await click(a, brewing);
    await click(a, brewing, 30);
    await click(a, pairing, 60);
    await click(b, brewing);
    await click(b, forum);
    await click(b, forum, 0, true); // a link scanner: not counted

    const report = (await t.api().get(`/api/campaigns/${id}/report/knowledge`).expect(200)).body;
    expect(report.items.map((i: { clicks: number; uniqueClickers: number }) => [i.clicks, i.uniqueClickers])).toEqual([
      [3, 2],
      [1, 1],
      [1, 1],
    ]);
    expect(report.topics[0]).toEqual({ topic: 'brewing', clicks: 3, uniqueClickers: 2 });

    const interests = (await t.api().get(`/api/subscribers/${a}/interests?halfLifeDays=30`).expect(200)).body;
    expect(interests.topics.map((x: { topic: string }) => x.topic)).toEqual(['brewing', 'pairing']);
    expect(interests.topics[0].score).toBeCloseTo(1.5, 2);
    expect(interests.topics[1].score).toBeCloseTo(0.25, 2);
    await t.api().get('/api/subscribers/999999/interests').expect(404);
  });
});
