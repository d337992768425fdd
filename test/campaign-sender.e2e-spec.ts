import { sampleContent } from '../src/kinds/kind-content.registry';
import { createAudience, waitUntil } from './support/fixtures';
import { formAction, holdClock, htmlFor, linksIn, postForm, sendKindCampaign } from './support/kinds';
import { rawHeader } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';

// The default sender of this app, as an operator sets it in the environment.
const MAIL_FROM = { name: 'Green Leaf Tea', address: 'news@greenleaf.example' };

describe('the sender of campaign mail: each part the campaign leaves empty comes from MAIL_FROM', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: { SCHEDULER_TICK_MS: '200', MAIL_FROM: `${MAIL_FROM.name} <${MAIL_FROM.address}>` },
    });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(() => {
    t.sink.received.length = 0;
  });

  const draft = (fields: Record<string, unknown>) =>
    t
      .api()
      .post('/api/campaigns')
      .send({
        kind: 'poll',
        name: 'Coffee poll',
        subject: 'One question',
        audience: { listIds: [] },
        content: sampleContent('poll'),
        ...fields,
      });

  it('sends a poll with only a From name from the default address under that name, as the campaign answer says', async () => {
    const audience = await createAudience(t, 2);
    const id = await sendKindCampaign(t, 'poll', sampleContent('poll'), audience.listId, {
      fromName: 'UX Coffee',
      fromEmail: undefined,
    });
    const [mail] = t.sink.to(audience.emails[1]);
    expect(mail.parsed.from?.value).toEqual([{ name: 'UX Coffee', address: MAIL_FROM.address }]);
    expect(mail.parsed.from?.text).toBe(`"UX Coffee" <${MAIL_FROM.address}>`);
    expect(rawHeader(mail, 'reply-to')).toBeUndefined();
    const campaign = (await t.api().get(`/api/campaigns/${id}`).expect(200)).body;
    expect(campaign.sender).toEqual({ from: { name: 'UX Coffee', address: MAIL_FROM.address }, replyTo: null });
  });

  it('sends a test of a From name alone from the default address under that name', async () => {
    const audience = await createAudience(t, 1);
    const created = (await draft({ fromName: 'UX Coffee', audience: { listIds: [audience.listId] } }).expect(201)).body;
    expect(created.sender.from).toEqual({ name: 'UX Coffee', address: MAIL_FROM.address });
    await t
      .api()
      .post(`/api/campaigns/${created.id}/test`)
      .send({ to: ['marketer@example.com'] })
      .expect(200);
    const [mail] = await waitUntil(
      async () => t.sink.to('marketer@example.com'),
      (m) => m.length === 1,
      10_000,
      'the test mail',
    );
    expect(mail.parsed.subject).toBe('[Test] One question');
    expect(mail.parsed.from?.text).toBe(`"UX Coffee" <${MAIL_FROM.address}>`);
  });

  it('sends an address alone under the default name, with the reply-to the campaign names; an edit applies to the next mail', async () => {
    const audience = await createAudience(t, 1);
    const created = (
      await draft({
        fromEmail: 'hello@uxcoffee.example',
        replyTo: 'care@uxcoffee.example',
        audience: { listIds: [audience.listId] },
      }).expect(201)
    ).body;
    expect(created.sender).toEqual({
      from: { name: MAIL_FROM.name, address: 'hello@uxcoffee.example' },
      replyTo: 'care@uxcoffee.example',
    });
    await t
      .api()
      .post(`/api/campaigns/${created.id}/test`)
      .send({ to: ['marketer@example.com'] })
      .expect(200);
    const [mail] = await waitUntil(
      async () => t.sink.to('marketer@example.com'),
      (m) => m.length === 1,
      10_000,
      'the test mail',
    );
    expect(mail.parsed.from?.text).toBe(`"${MAIL_FROM.name}" <hello@uxcoffee.example>`);
    expect(mail.parsed.replyTo?.value).toEqual([{ name: '', address: 'care@uxcoffee.example' }]);

    const edited = (await t.api().patch(`/api/campaigns/${created.id}`).send({ fromName: 'UX Coffee' }).expect(200))
      .body;
    expect(edited.sender.from).toEqual({ name: 'UX Coffee', address: 'hello@uxcoffee.example' });
    await t.api().post(`/api/campaigns/${created.id}/send`).expect(200);
    await waitUntil(
      async () => t.sink.to(audience.emails[0]),
      (m) => m.length === 1,
      30_000,
      'the campaign mail',
    );
    const [sent] = t.sink.to(audience.emails[0]);
    expect(sent.parsed.from?.text).toBe('"UX Coffee" <hello@uxcoffee.example>');
    expect(sent.parsed.replyTo?.text).toBe('care@uxcoffee.example');
  });

  it('goes back to the default sender when the marketer empties the sender fields; a bad address is refused', async () => {
    const created = (
      await draft({
        fromName: 'UX Coffee',
        fromEmail: 'hello@uxcoffee.example',
        replyTo: 'care@uxcoffee.example',
        audience: { listIds: [(await createAudience(t, 1)).listId] },
      }).expect(201)
    ).body;
    const emptied = (
      await t.api().patch(`/api/campaigns/${created.id}`).send({ fromName: '', fromEmail: '', replyTo: '' }).expect(200)
    ).body;
    expect(emptied).toMatchObject({
      fromName: '',
      fromEmail: '',
      replyTo: null,
      sender: { from: MAIL_FROM, replyTo: null },
    });
    const refused = await t
      .api()
      .patch(`/api/campaigns/${created.id}`)
      .send({ fromEmail: 'hello at uxcoffee' })
      .expect(400);
    expect(JSON.stringify(refused.body)).toContain('fromEmail');
    await t
      .api()
      .post(`/api/campaigns/${created.id}/test`)
      .send({ to: ['marketer@example.com'] })
      .expect(200);
    const [mail] = await waitUntil(
      async () => t.sink.to('marketer@example.com'),
      (m) => m.length === 1,
      10_000,
      'the test mail',
    );
    expect(mail.parsed.from?.text).toBe(`"${MAIL_FROM.name}" <${MAIL_FROM.address}>`);
    expect(rawHeader(mail, 'reply-to')).toBeUndefined();
  });

  it('sends the contest winner mail from the same sender as the contest mail', async () => {
    const audience = await createAudience(t, 1);
    const endsAt = Date.now() + 5 * 60_000;
    const id = await sendKindCampaign(
      t,
      'contest',
      {
        title: 'Win a coffee year',
        rules: 'One entry each.',
        prize: 'Twelve bags',
        winners: 1,
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(endsAt).toISOString(),
        entryQuestion: 'Which bean?',
        referralBonusEntries: 0,
      },
      audience.listId,
      { fromName: 'UX Coffee', fromEmail: undefined },
    );
    const [link] = linksIn(t, htmlFor(t, audience.emails[0]), 'c');
    const shown = await t.http().get(link).expect(200);
    await postForm(t, formAction(shown.text), { answer: 'Arabica' }).expect(200);
    await t.api().post(`/api/campaigns/${id}/contest/draw/commit`).expect(201);
    const clock = holdClock(t, endsAt + 60_000);
    try {
      t.sink.received.length = 0;
      await t.api().post(`/api/campaigns/${id}/contest/draw`).expect(200);
      const [won] = await waitUntil(
        async () => t.sink.to(audience.emails[0]),
        (m) => m.length === 1,
        10_000,
        'the winner mail',
      );
      expect(won.parsed.subject).toBe('You won: Win a coffee year');
      expect(won.parsed.from?.text).toBe(`"UX Coffee" <${MAIL_FROM.address}>`);
    } finally {
      clock.release();
    }
  });
});
