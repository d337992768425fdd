import { sendDemoCampaigns } from '../src/kinds/demo-campaigns';
import { createAudience, waitUntil } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

describe('demo: one campaign of each kind', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_TICK_MS: '200' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('sends all seven kinds to the demo list', async () => {
    const audience = await createAudience(t, 2, { listName: 'Demo customers' });
    const ids = await sendDemoCampaigns(t.app, audience.listId);
    expect(ids).toHaveLength(7);
    await t.sink.waitFor(14, 30_000);
    const html = t.sink
      .to(audience.emails[0])
      .map((m) => String(m.parsed.html))
      .join('\n');
    expect(html).toMatch(/SPR-[A-Z2-9]{4}-[A-Z2-9]{4}/);
    for (const path of ['/p/', '/g/', '/c/', '/l/', '/s/', '/r/']) expect(html).toContain(`${t.baseUrl}${path}`);
    // The demo customers are Dutch: the poll and the gift are written in Dutch, the others stay English.
    const bySubject = (start: string) =>
      t.sink.to(audience.emails[0]).find((m) => String(m.parsed.subject).startsWith(start))!;
    const poll = bySubject('Eén vraag');
    expect(String(poll.parsed.text)).toContain('Hoe waarschijnlijk is het dat je Green Leaf Tea aanraadt');
    expect(String(poll.parsed.text)).toContain('Afmelden [');
    expect(String(bySubject('Een bedankje').parsed.text)).toContain('Claim je cadeau [');
    expect(String(bySubject('Win a year of tea').parsed.text)).toContain('Unsubscribe [');
    for (const id of ids) {
      await waitUntil(
        () =>
          t
            .api()
            .get(`/api/campaigns/${id}/progress`)
            .then((r) => r.body.status),
        (s) => s === 'finished',
        30_000,
        `campaign ${id}`,
      );
    }
  });
});
