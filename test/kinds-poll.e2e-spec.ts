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

describe('poll kind: one-click answers from the email', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_TICK_MS: '200' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('records one changeable answer per recipient, a comment, and reports NPS', async () => {
    const audience = await createAudience(t, 5);
    const id = await sendKindCampaign(t, 'poll', sampleContent('poll'), audience.listId);
    const clock = holdClock(t);
    try {
      const links = linksIn(t, htmlFor(t, audience.emails[0]), 'p');
      expect(links).toHaveLength(11);
      const eight = links.find((l) => l.endsWith('/8'))!;

      // One click: the person is thanked at once, no script on the page; it counts once the scanner rules have seen the message.
      const shown = await t.http().get(eight).expect(200);
      expect(shown.text).toContain('We recorded your answer: 8');
      expect(shown.text).not.toContain('<script');
      expect(await count(t, 'poll_answers')).toBe(0);
      await settleActs(t, clock);
      expect(
        await rows(t, 'SELECT value FROM poll_answers WHERE subscriber_id = ?', [audience.subscriberIds[0]]),
      ).toEqual([{ value: '8' }]);

      // A minute later the person changes their mind and adds a comment while the new answer is pending: 10 counts, history stays in the events.
      clock.advance(60_000);
      const ten = links.find((l) => l.endsWith('/10'))!;
      const thanks = await t.http().get(ten).expect(200);
      await postForm(t, formAction(thanks.text), { comment: 'Great tea, slow delivery' }).expect(200);

      const answer = async (i: number, value: string) => {
        const link = linksIn(t, htmlFor(t, audience.emails[i]), 'p').find((l) => l.endsWith(`/${value}`))!;
        await t.http().get(link).expect(200);
      };
      await answer(1, '3');
      await answer(2, '7');
      await settleActs(t, clock);

      const stored = await rows<{ value: string; comment: string | null }>(
        t,
        'SELECT value, comment FROM poll_answers WHERE subscriber_id = ?',
        [audience.subscriberIds[0]],
      );
      expect(stored).toEqual([{ value: '10', comment: 'Great tea, slow delivery' }]);
      // Both answers are in the log; the second is a repeat: it replaces the value, it does not count as a second act.
      const answered = await rows<{ repeat: unknown }>(
        t,
        "SELECT repeat FROM events WHERE type = 'poll_answered' AND subscriber_id = ? ORDER BY id",
        [audience.subscriberIds[0]],
      );
      expect(answered.map((r) => Number(r.repeat))).toEqual([0, 1]);
      expect(await count(t, 'events', "type = 'poll_commented'")).toBe(1);

      const report = (await t.api().get(`/api/campaigns/${id}/report/poll`).expect(200)).body;
      expect(report).toMatchObject({
        sent: 5,
        answers: 3,
        responseRate: 0.6,
        nps: { promoters: 1, passives: 1, detractors: 1, score: 0 },
        csatAverage: null,
      });
      expect(report.distribution.find((d: { value: string }) => d.value === '10').count).toBe(1);
      expect(report.comments).toEqual([expect.objectContaining({ value: '10', comment: 'Great tea, slow delivery' })]);
    } finally {
      clock.release();
    }
  });

  it('answers CSAT and reports the average; a closed poll records nothing', async () => {
    const audience = await createAudience(t, 2);
    const id = await sendKindCampaign(t, 'poll', { question: 'How satisfied are you?', type: 'csat' }, audience.listId);
    const closed = await createAudience(t, 2);
    const closesAt = Date.now() + 5 * 60_000;
    const closedId = await sendKindCampaign(
      t,
      'poll',
      { question: 'Yes or no?', type: 'yesno', closesAt: new Date(closesAt).toISOString() },
      closed.listId,
    );
    const clock = holdClock(t, closesAt - 60_000);
    try {
      for (const [i, v] of [
        [0, '4'],
        [1, '5'],
      ] as const) {
        const link = linksIn(t, htmlFor(t, audience.emails[i]), 'p').find((l) => l.endsWith(`/${v}`))!;
        await postForm(t, link).expect(200);
      }
      await settleActs(t, clock);
      const report = (await t.api().get(`/api/campaigns/${id}/report/poll`).expect(200)).body;
      expect(report).toMatchObject({ answers: 2, csatAverage: 4.5, nps: null });

      // Clicked five seconds before the close: it counts, though the settle ends after the close.
      clock.advance(60_000 - 5_000 - (clock.now() - (closesAt - 60_000)));
      await t
        .http()
        .get(linksIn(t, htmlFor(t, closed.emails[1]), 'p').find((l) => l.endsWith('/yes'))!)
        .expect(200);
      await settleActs(t, clock);
      expect(await count(t, 'poll_answers', 'campaign_id = ?', [closedId])).toBe(1);
      // Clicked after the close: refused, nothing recorded.
      const link = linksIn(t, htmlFor(t, closed.emails[0]), 'p').find((l) => l.endsWith('/yes'))!;
      expect((await t.http().get(link).expect(410)).text).toContain('This poll is closed');
      await postForm(t, link).expect(410);
      expect(await count(t, 'poll_answers', 'campaign_id = ?', [closedId])).toBe(1);
    } finally {
      clock.release();
    }
  });

  it('answers forged tokens and unknown values with the friendly 404 page and records nothing', async () => {
    const audience = await createAudience(t, 1);
    await sendKindCampaign(t, 'poll', sampleContent('poll'), audience.listId);
    const link = linksIn(t, htmlFor(t, audience.emails[0]), 'p')[0];
    const token = tokenOf(link);
    const before = await count(t, 'poll_answers');
    for (const path of [`/p/${forge(token)}/5`, '/p/not-a-token/5', `/p/${token}/11`, `/p/${token}/abc`]) {
      const got = await t.http().get(path).expect(404);
      expect(got.text).toContain('This link does not work');
      await postForm(t, path).expect(404);
    }
    await postForm(t, `/p/${forge(token)}/comment`, { comment: 'x' }).expect(404);
    expect(await count(t, 'poll_answers')).toBe(before);
  });
});
