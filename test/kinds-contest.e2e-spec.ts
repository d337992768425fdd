import { DataSource } from 'typeorm';
import { MailingList } from '../src/audience/mailing-list.entity';
import { ContestReferralService } from '../src/kinds/contest/contest-referral.service';
import { createAudience, waitUntil } from './support/fixtures';
import { count, forge, formAction, htmlFor, linksIn, postForm, rows, sendKindCampaign, tokenOf } from './support/kinds';
import { startTestApp, TestApp } from './support/test-app';

const contest = (endsInMs: number) => ({
  title: 'Win a year of tea', rules: 'One entry each.', prize: 'Twelve tasting boxes', winners: 2,
  startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + endsInMs).toISOString(),
  entryQuestion: 'Which tea?', referralBonusEntries: 2,
});

describe('contest kind: entries, referrals and an auditable draw', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_TICK_MS: '200' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('enters once under 100 concurrent posts, credits a referral, draws verifiably and redraws after a disqualification', async () => {
    const audience = await createAudience(t, 5);
    const endsAt = Date.now() + 6000;
    const id = await sendKindCampaign(t, 'contest', contest(6000), audience.listId);
    const [link] = linksIn(t, htmlFor(t, audience.emails[0]), 'c');
    const shown = await t.http().get(link).expect(200);
    expect(shown.text).toContain('Which tea?');
    expect(await count(t, 'contest_entries')).toBe(0);

    const noAnswer = await postForm(t, formAction(shown.text)).expect(422);
    expect(noAnswer.text).toContain('Please answer the question');
    const posts = await Promise.all(Array.from({ length: 100 }, () => postForm(t, link, { answer: 'Sencha' })));
    expect(posts.every((p) => p.status === 200)).toBe(true);
    expect(await count(t, 'contest_entries', 'campaign_id = ?', [id])).toBe(1);
    expect(await count(t, 'events', "type = 'contest_entered' AND campaign_id = ?", [id])).toBe(1);
    const referral = /value="(http[^"]+\/c\/ref\/[A-Z0-9]+)"/.exec(posts[0].text)![1].replace(t.baseUrl, '');

    // A friend joins through the referral link (single opt-in list: confirmed at once).
    const landing = await t.http().get(referral).expect(200);
    expect(await count(t, 'subscribers', 'email = ?', ['friend@example.com'])).toBe(0);
    await postForm(t, formAction(landing.text), { email: 'not-an-email' }).expect(422);
    await postForm(t, formAction(landing.text), { email: 'friend@example.com', name: 'Friend' }).expect(200);
    await postForm(t, formAction(landing.text), { email: 'friend@example.com', name: 'Friend' }).expect(200);
    await postForm(t, formAction(landing.text), { email: audience.emails[3] }).expect(200); // already subscribed: no credit
    const [entry] = await rows<{ bonus_entries: number }>(t, 'SELECT bonus_entries FROM contest_entries WHERE campaign_id = ? AND subscriber_id = ?', [id, audience.subscriberIds[0]]);
    expect(Number(entry.bonus_entries)).toBe(2);
    expect(await count(t, 'list_memberships', "list_id = ? AND status = 'confirmed'", [audience.listId])).toBe(6);
    expect(await count(t, 'events', "type = 'contest_referral' AND subscriber_id = ?", [audience.subscriberIds[0]])).toBe(1);

    for (const email of audience.emails.slice(1, 4)) {
      const [l] = linksIn(t, htmlFor(t, email), 'c');
      await postForm(t, l, { answer: 'Oolong' }).expect(200);
    }

    // Commit before the end; drawing early is refused.
    const committed = (await t.api().post(`/api/campaigns/${id}/contest/draw/commit`).expect(201)).body;
    expect(committed.seedHash).toMatch(/^[0-9a-f]{64}$/);
    expect(committed.seed).toBeNull();
    await t.api().post(`/api/campaigns/${id}/contest/draw/commit`).expect(409);
    expect((await t.http().get(`/c/draw/${id}`).expect(200)).text).toContain(committed.seedHash);
    expect((await t.api().post(`/api/campaigns/${id}/contest/draw`).expect(409)).body.code).toBe('contest_not_ended');

    await new Promise((r) => setTimeout(r, Math.max(0, endsAt - Date.now() + 100)));
    expect((await t.http().get(link).expect(200)).text).toContain('You are already in');
    t.sink.received.length = 0;
    const drawn = (await t.api().post(`/api/campaigns/${id}/contest/draw`).expect(200)).body;
    expect(drawn.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(drawn.entries).toBe(4);
    expect(drawn.winners).toHaveLength(2);
    await t.api().post(`/api/campaigns/${id}/contest/draw`).expect(409);
    await waitUntil(async () => t.sink.received.length, (n) => n === 2, 10_000, 'winner mails');
    expect(t.sink.received.every((m) => m.parsed.subject === 'You won: Win a year of tea')).toBe(true);
    expect((await t.api().get(`/api/campaigns/${id}/contest/draw/verify`).expect(200)).body).toMatchObject({ ok: true, seedMatchesCommitment: true, snapshotMatchesHash: true, winnersMatch: true });

    const loser = drawn.winners[0].subscriberId;
    const after = (await t.api().post(`/api/campaigns/${id}/contest/winners/${loser}/disqualify`).send({ reason: 'Email bounced' }).expect(200)).body;
    expect(after.winners).toHaveLength(3);
    expect(after.winners[0]).toMatchObject({ subscriberId: loser, status: 'disqualified', reason: 'Email bounced' });
    expect(after.winners[2].status).toBe('won');
    await t.api().post(`/api/campaigns/${id}/contest/winners/${loser}/disqualify`).send({ reason: 'again' }).expect(404);
    expect((await t.api().get(`/api/campaigns/${id}/contest/draw/verify`).expect(200)).body.ok).toBe(true);
    const log = (await t.api().get(`/api/campaigns/${id}/contest/draw/log`).expect(200)).body;
    expect(log.map((l: { action: string }) => l.action)).toEqual(['commit', 'draw', 'disqualify', 'redraw']);

    const report = (await t.api().get(`/api/campaigns/${id}/report/contest`).expect(200)).body;
    expect(report).toMatchObject({ sent: 5, entries: 4, bonusEntries: 2, referralsCredited: 1, referralsPending: 0 });
    expect(report.winners.filter((w: { status: string }) => w.status === 'won')).toHaveLength(2);
  });

  it('credits a double opt-in referral only on confirmation; forged links record nothing', async () => {
    const audience = await createAudience(t, 1);
    await t.app.get(DataSource).getRepository(MailingList).update({ id: audience.listId }, { optIn: 'double' });
    const id = await sendKindCampaign(t, 'contest', contest(60_000), audience.listId);
    const [link] = linksIn(t, htmlFor(t, audience.emails[0]), 'c');
    const entered = await postForm(t, link, { answer: 'Earl Grey' }).expect(200);
    const referral = /\/c\/ref\/([A-Z0-9]+)/.exec(entered.text)![0];
    const joined = await postForm(t, referral, { email: 'double@example.com' }).expect(200);
    expect(joined.text).toContain('Please confirm');
    const [friend] = await rows<{ id: number }>(t, 'SELECT id FROM subscribers WHERE email = ?', ['double@example.com']);
    expect(await count(t, 'contest_referrals', "campaign_id = ? AND status = 'pending'", [id])).toBe(1);
    const referrals = t.app.get(ContestReferralService);
    expect(await referrals.onConfirmed(Number(friend.id))).toBe(1);
    expect(await referrals.onConfirmed(Number(friend.id))).toBe(0);
    const [entry] = await rows<{ bonus_entries: number }>(t, 'SELECT bonus_entries FROM contest_entries WHERE campaign_id = ?', [id]);
    expect(Number(entry.bonus_entries)).toBe(2);

    const before = await count(t, 'contest_entries');
    for (const path of [`/c/${forge(tokenOf(link))}`, '/c/garbage-token-xyz', '/c/ref/NOSUCHCODE1', '/c/draw/999999']) {
      expect((await t.http().get(path).expect(404)).text).toContain('This link does not work');
    }
    await postForm(t, `/c/${forge(tokenOf(link))}`, { answer: 'x' }).expect(404);
    await postForm(t, '/c/ref/NOSUCHCODE1', { email: 'x@example.com' }).expect(404);
    expect(await count(t, 'contest_entries')).toBe(before);
    expect(await count(t, 'subscribers', 'email = ?', ['x@example.com'])).toBe(0);
  });
});
