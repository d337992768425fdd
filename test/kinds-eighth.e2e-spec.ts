import { parse } from 'csv-parse/sync';
import type request from 'supertest';
import { DataSource } from 'typeorm';
import { sql } from '../src/common/db/sql-dialect';
import { UA } from '../src/tracking/machine-classifier.fixtures';
import { ThankYouKindModule } from './support/eighth-kind/thank-you.kind';
import { createAudience, waitUntil } from './support/fixtures';
import { htmlFor, linksIn, sendKindCampaign } from './support/kinds';
import { startTestApp, TestApp } from './support/test-app';

const PERSON_IP = '203.0.113.10';
const note = {
  message: 'Thank you for a year of tea with us, from all of Green Leaf.',
  replyUrl: 'https://shop.example/thanks-back',
  replyLabel: 'You are welcome',
};

// A kind defined only in test/support/eighth-kind/, registered as one more module: compose → send → act → report
// through the shared code, which never names it.
describe('an eighth kind, plugged in from the test suite', () => {
  let t: TestApp;
  let ds: DataSource;

  beforeAll(async () => {
    t = await startTestApp({
      env: { SCHEDULER_TICK_MS: '200', MACHINE_OPEN_WINDOW_SECONDS: '0', MACHINE_CLICK_WINDOW_SECONDS: '0' },
      extraKinds: [ThankYouKindModule],
    });
    ds = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t.close();
  });

  it('validates its content by its own schema and is listed among the kinds', async () => {
    const audience = await createAudience(t, 1, { prefix: 'schema' });
    const bad = await t
      .api()
      .post('/api/campaigns')
      .send({
        kind: 'thank_you',
        name: 'n',
        subject: 's',
        audience: { listIds: [audience.listId] },
        content: { message: 'Hi', replyUrl: 'not a url', replyLabel: 'x' },
      })
      .expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'content.replyUrl' })]);
    const unknown = await t
      .api()
      .post('/api/campaigns')
      .send({ kind: 'raffle', name: 'n', subject: 's', audience: { listIds: [audience.listId] }, content: {} })
      .expect(400);
    expect(unknown.body.details).toEqual([
      { field: 'kind', problems: [expect.stringMatching(/^kind must be one of .*\bthank_you\b/)] },
    ]);
    const preview = await t.api().post('/api/templates/preview').send({ kind: 'thank_you', content: note }).expect(200);
    expect(preview.body.html).toContain('Thank you for a year of tea with us');
    expect(preview.body.links).toEqual([note.replyUrl]);
  });

  it('is composed, sent, acted on through its link and reported, with its block, headline and CSV column', async () => {
    const audience = await createAudience(t, 3, { prefix: 'thanks' });
    const id = await sendKindCampaign(t, 'thank_you', note, audience.listId);
    expect(t.sink.to(audience.emails[2])).toHaveLength(1);
    const html = htmlFor(t, audience.emails[0]);
    expect(html).toContain('Thank you for a year of tea with us');
    expect(html).toContain('You are welcome');

    // The act: the reader follows the note's one link.
    const [reply] = linksIn(t, html, 'r');
    const followed = await t
      .http()
      .get(reply)
      .set('User-Agent', UA.chrome)
      .set('X-Forwarded-For', PERSON_IP)
      .expect(302);
    expect(followed.headers.location).toBe(note.replyUrl);
    await waitUntil(
      () => ds.query(sql(ds, "SELECT COUNT(*) AS n FROM events WHERE campaign_id = ? AND type = 'click'"), [id]),
      (rows) => Number(rows[0].n) >= 1,
      15_000,
      'the click to be drained',
    );

    const report = (await t.api().get(`/api/campaigns/${id}/report`).expect(200)).body;
    expect(report.campaign.kind).toBe('thank_you');
    expect(report.kindBlock).toEqual({
      kind: 'thank_you',
      report: { campaignId: id, replyUrl: note.replyUrl, thankedBack: 1 },
    });
    expect(report.funnel.acted).toMatchObject({ count: 1, action: 'thanked back', eventTypes: ['click'] });
    // Its weights, emotional 1 and nothing else: the reader's implied open (1) and click (3).
    expect(report.value.dimensions.map((d: { dimension: string; total: number }) => [d.dimension, d.total])).toEqual([
      ['functional', 0],
      ['economic', 0],
      ['emotional', 4],
      ['symbolic', 0],
    ]);

    const csv = await t.api().get(`/api/campaigns/${id}/recipients.csv`).buffer(true).parse(textBody).expect(200);
    const records = parse(csv.body as string, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(records.map((r) => [r.email, r.acted, r.thanked_back])).toEqual(
      audience.emails.map((email, i) => [email, i === 0 ? 'yes' : 'no', i === 0 ? 'yes' : 'no']),
    );

    const dashboard = (await t.api().get('/api/dashboard').expect(200)).body;
    const recent = dashboard.recentCampaigns.find((c: { id: number }) => c.id === id);
    expect(recent).toMatchObject({
      kind: 'thank_you',
      acted: 1,
      action: 'thanked back',
      headline: { kind: 'thank_you', label: 'Thanked back', value: 1, thankedBack: 1 },
    });
  });
});

function textBody(res: request.Response, cb: (err: Error | null, body: string) => void): void {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (text += chunk));
  res.on('end', () => cb(null, text));
}
