import { DataSource } from 'typeorm';
import { sampleContent } from '../src/kinds/kind-content.registry';
import { createAudience, waitUntil } from './support/fixtures';
import { actAsPerson, formAction, htmlFor, linksIn, postForm, sendKindCampaign } from './support/kinds';
import { startTestApp, TestApp } from './support/test-app';

// GDPR Art. 17 across modules: after a campaign was sent, answered and bounced,
// erasure leaves none of the person's data in any table.
describe('erasure reaches the send pipeline, the event log and kind data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('removes addresses quoted in SMTP errors, IPs, user agents and typed comments', async () => {
    const audience = await createAudience(t, 2, { prefix: 'zorgvuldig' });
    const [answering, bouncing] = audience.emails;
    t.sink.responder = ({ rcptTo }) =>
      rcptTo.includes(bouncing) ? { code: 550, message: `5.1.1 <${bouncing}>: user unknown` } : undefined;
    await sendKindCampaign(t, 'poll', sampleContent('poll'), audience.listId);
    const link = linksIn(t, htmlFor(t, answering), 'p').find((l) => l.endsWith('/9'))!;
    const [thanks] = await actAsPerson(t, [link], { 'User-Agent': 'ZorgBrowser/9', 'X-Forwarded-For': '203.0.113.77' });
    await postForm(t, formAction(thanks.text), { comment: 'Mijn buurman Kees-Uniek vindt het ook goed' }).expect(200);

    const pixel = new RegExp(`${t.baseUrl.replace(/[.]/g, '\\.')}(/o/[A-Za-z0-9_-]+\\.gif)`).exec(
      htmlFor(t, answering),
    )![1];
    await t
      .http()
      .get(pixel)
      .set('User-Agent', 'Mozilla/5.0 ZorgBrowser/9')
      .set('X-Forwarded-For', '203.0.113.78')
      .expect(200);
    const ds = t.app.get(DataSource);
    await waitUntil(
      () => ds.query("SELECT COUNT(*) AS n FROM events WHERE type = 'open'"),
      (r) => Number(r[0].n) > 0,
      15_000,
      'the open to be stored',
    );
    const dumpAll = async (): Promise<string> => {
      const tables: string[] =
        ds.options.type === 'postgres'
          ? (
              await ds.query("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'")
            ).map((r: { name: string }) => r.name)
          : (await ds.query("SELECT name FROM sqlite_master WHERE type = 'table'")).map(
              (r: { name: string }) => r.name,
            );
      const dumps = await Promise.all(
        tables.map(async (table) => JSON.stringify(await ds.query(`SELECT * FROM "${table}"`))),
      );
      return dumps.join('\n').toLowerCase();
    };
    const needles = [answering, bouncing, 'kees-uniek', 'zorgbrowser'];
    const before = await dumpAll();
    expect(needles.filter((n) => before.includes(n.toLowerCase()))).toEqual(needles);

    for (const id of audience.subscriberIds) await t.api().delete(`/api/subscribers/${id}?erase=true`).expect(204);
    const after = await dumpAll();
    expect(needles.filter((n) => after.includes(n.toLowerCase()))).toEqual([]);
  });
});
