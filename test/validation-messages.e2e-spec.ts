import { createAudience } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

// What a marketer reads when the API refuses a form: plain sentences next to the field, one line naming each field.
describe('validation messages in plain words', () => {
  let t: TestApp;
  let listId: number;
  beforeAll(async () => {
    t = await startTestApp();
    listId = (await createAudience(t, 1)).listId;
  });
  afterAll(async () => {
    await t.close();
  });

  const poll = (fields: Record<string, unknown>) =>
    t
      .api()
      .post('/api/campaigns')
      .send({
        kind: 'poll',
        name: 'Coffee poll',
        subject: 'One question',
        audience: { listIds: [listId] },
        content: { question: 'How was it?', type: 'nps' },
        ...fields,
      });

  it('says what to write instead of what class-validator checked', async () => {
    const res = await poll({ name: 'x'.repeat(201), subject: '', fromEmail: 'ux coffee', locale: undefined }).expect(
      400,
    );
    expect(res.body.details).toEqual([
      { field: 'name', problems: ['Use at most 200 characters'] },
      { field: 'subject', problems: ['Write at least one character'] },
      { field: 'fromEmail', problems: ['Use an email address, such as name@example.com'] },
    ]);
    expect(res.body.message).toBe(
      'name: Use at most 200 characters; subject: Write at least one character; fromEmail: Use an email address, such as name@example.com',
    );
    expect(res.body.message).not.toMatch(/longer than or equal|must be an email/);
  });

  it('words kind content the same way, and a missing required field once', async () => {
    const empty = await poll({ content: { question: '', type: 'nps' } }).expect(400);
    expect(empty.body).toMatchObject({
      code: 'invalid_content',
      details: [{ field: 'content.question', problems: ['Write at least one character'] }],
    });
    expect(empty.body.message).toBe(
      'The content is not valid for a poll campaign: content.question: Write at least one character',
    );

    // A choice poll without choices fails four rules; the marketer needs to hear one thing.
    const noChoices = await poll({ content: { question: 'Which?', type: 'choice' } }).expect(400);
    expect(noChoices.body.details).toEqual([{ field: 'content.choices', problems: ['Fill this in'] }]);
    const blankChoice = await poll({
      content: { question: 'Which?', type: 'choice', choices: ['Arabica', ''] },
    }).expect(400);
    expect(blankChoice.body.details).toEqual([
      { field: 'content.choices', problems: ['Every item: write 1 to 80 characters'] },
    ]);
    const badType = await poll({ content: { question: 'Which?', type: 'stars' } }).expect(400);
    expect(badType.body.details).toEqual([
      { field: 'content.type', problems: ['Choose one of: nps, csat, choice, yesno'] },
    ]);
  });

  it('keeps the messages our decorators word themselves, and names unknown fields', async () => {
    const res = await poll({ kind: 'raffle', admin: true }).expect(400);
    expect(res.body.details).toEqual(
      expect.arrayContaining([
        { field: 'admin', problems: ['admin is not a known field'] },
        { field: 'kind', problems: [expect.stringMatching(/^kind must be one of discount, /)] },
      ]),
    );
    const missing = await t
      .api()
      .post('/api/campaigns')
      .send({ name: 'No kind', subject: 's', audience: { listIds: [listId] } })
      .expect(400);
    expect(missing.body.details).toEqual([
      { field: 'kind', problems: [expect.stringMatching(/^kind must be one of discount, /)] },
    ]);
  });
});
