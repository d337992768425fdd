import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Clock } from '../src/common/clock';
import { drawOrder } from '../src/kinds/contest/contest-draw';
import { MailingList } from '../src/audience/mailing-list.entity';
import { ContestReferralService } from '../src/kinds/contest/contest-referral.service';
import { createAudience, waitUntil } from './support/fixtures';
import { count, forge, formAction, htmlFor, linksIn, postForm, rows, sendKindCampaign, tokenOf } from './support/kinds';
import { startTestApp, TestApp } from './support/test-app';

const contest = (endsInMs: number) => ({
  title: 'Win a year of tea',
  rules: 'One entry each.',
  prize: 'Twelve tasting boxes',
  winners: 2,
  startsAt: new Date(Date.now() - 60_000).toISOString(),
  endsAt: new Date(Date.now() + endsInMs).toISOString(),
  entryQuestion: 'Which tea?',
  referralBonusEntries: 2,
});

const scratch = mkdtempSync(join(tmpdir(), 'vm-draw-'));

/** Runs the standalone verifier on an audit file, as anyone would. */
function verifyDraw(audit: unknown): { status: number | null; stdout: string } {
  const file = join(scratch, `audit-${randomBytes(4).toString('hex')}.json`);
  writeFileSync(file, JSON.stringify(audit));
  const run = spawnSync(process.execPath, [join(__dirname, '..', 'scripts', 'verify-draw.js'), file], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: run.status, stdout: run.stdout + run.stderr };
}

/** A beacon value under which the published entries would have been drawn in another order. */
function beaconChangingTheDraw(audit: {
  draw: { seed: string; order: string[] };
  entries: { list: Array<[string, number]> };
}): string {
  const entries = audit.entries.list.map(([ref, weight]) => ({ ref, weight }));
  for (;;) {
    const beaconValue = randomBytes(32).toString('hex');
    const order = drawOrder({ seed: audit.draw.seed, entries, beaconValue }, audit.draw.order.length);
    if (JSON.stringify(order) !== JSON.stringify(audit.draw.order)) return beaconValue;
  }
}

describe('contest kind: entries, referrals and an auditable draw', () => {
  let t: TestApp;
  // The one clock: real time while sending and entering, then moved past the close and the beacon round.
  let frozen: number | undefined;
  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_TICK_MS: '200' } });
    t.app.get(Clock).now = () => new Date(frozen ?? Date.now());
  });
  afterEach(() => {
    frozen = undefined;
  });
  afterAll(async () => {
    await t.close();
  });

  it('enters once under 100 concurrent posts, credits a referral, draws verifiably and redraws after a disqualification', async () => {
    const audience = await createAudience(t, 5);
    const content = contest(120_000);
    const endsAt = new Date(content.endsAt).getTime();
    const id = await sendKindCampaign(t, 'contest', content, audience.listId);
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
    const [entry] = await rows<{ bonus_entries: number }>(
      t,
      'SELECT bonus_entries FROM contest_entries WHERE campaign_id = ? AND subscriber_id = ?',
      [id, audience.subscriberIds[0]],
    );
    expect(Number(entry.bonus_entries)).toBe(2);
    expect(await count(t, 'list_memberships', "list_id = ? AND status = 'confirmed'", [audience.listId])).toBe(6);
    expect(
      await count(t, 'events', "type = 'contest_referral' AND subscriber_id = ?", [audience.subscriberIds[0]]),
    ).toBe(1);

    for (const email of audience.emails.slice(1, 4)) {
      const [l] = linksIn(t, htmlFor(t, email), 'c');
      await postForm(t, l, { answer: 'Oolong' }).expect(200);
    }

    // Commit before the end, naming a beacon round; a round published before the close is refused.
    await t.api().post(`/api/campaigns/${id}/contest/draw/commit`).send({ beaconRound: 1 }).expect(400);
    const committed = (
      await t.api().post(`/api/campaigns/${id}/contest/draw/commit`).send({ useBeacon: true }).expect(201)
    ).body;
    expect(committed.seedHash).toMatch(/^[0-9a-f]{64}$/);
    expect(committed.seed).toBeNull();
    const beaconAt = new Date(committed.beacon.at).getTime();
    expect(beaconAt).toBeGreaterThanOrEqual(endsAt + 3_600_000);
    expect(beaconAt).toBeLessThan(endsAt + 3_600_000 + 3_000);
    expect(committed.beacon.url).toBe(
      `https://api.drand.sh/52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971/public/${committed.beacon.round}`,
    );
    await t.api().post(`/api/campaigns/${id}/contest/draw/commit`).send({}).expect(409);
    const publicPage = (await t.http().get(`/c/draw/${id}`).expect(200)).text;
    expect(publicPage).toContain(committed.seedHash);
    expect(publicPage).toContain(committed.beacon.url);
    expect((await t.api().post(`/api/campaigns/${id}/contest/draw`).send({}).expect(409)).body.code).toBe(
      'contest_not_ended',
    );
    expect((await t.api().post(`/api/campaigns/${id}/contest/draw/freeze`).expect(409)).body.code).toBe(
      'contest_not_ended',
    );

    // Entries close: a late entry is refused, the draw waits for the beacon round, the list can be frozen.
    frozen = endsAt + 1000;
    const [late] = linksIn(t, htmlFor(t, audience.emails[4]), 'c');
    await postForm(t, late, { answer: 'Too late' }).expect(410);
    expect((await t.api().post(`/api/campaigns/${id}/contest/draw/commit`).send({}).expect(409)).body.code).toBe(
      'contest_ended',
    );
    expect(
      (
        await t
          .api()
          .post(`/api/campaigns/${id}/contest/draw`)
          .send({ beaconValue: 'ab'.repeat(32) })
          .expect(409)
      ).body.code,
    ).toBe('contest_beacon_not_yet');
    const frozenState = (await t.api().post(`/api/campaigns/${id}/contest/draw/freeze`).expect(200)).body;
    expect(frozenState).toMatchObject({ entries: 4, caveats: [] });
    await t.api().post(`/api/campaigns/${id}/contest/draw/freeze`).expect(409);
    const beforeDraw = (await t.http().get(`/c/draw/${id}/audit.json`).expect(200)).body;
    expect(beforeDraw.entries).toMatchObject({ count: 4, digest: frozenState.snapshotHash });
    expect(beforeDraw.draw).toBeNull();
    // An entrant finds their own pseudonym on their contest page.
    const ownRef = /published draw file: ([0-9a-f]{32})/.exec((await t.http().get(link).expect(200)).text)![1];
    expect(beforeDraw.entries.list).toContainEqual([ownRef, 3]);

    frozen = beaconAt + 1000;
    expect((await t.api().post(`/api/campaigns/${id}/contest/draw`).send({}).expect(400)).body.code).toBe(
      'contest_beacon_required',
    );
    expect(
      (await t.api().post(`/api/campaigns/${id}/contest/draw`).send({ beaconValue: 'not random' }).expect(400)).body
        .code,
    ).toBe('contest_beacon_invalid');
    t.sink.received.length = 0;
    const beaconValue = randomBytes(32).toString('hex');
    const drawn = (
      await t
        .api()
        .post(`/api/campaigns/${id}/contest/draw`)
        .send({ beaconValue: beaconValue.toUpperCase() })
        .expect(200)
    ).body;
    expect(drawn.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(drawn.beacon.value).toBe(beaconValue);
    expect(drawn.entries).toBe(4);
    expect(drawn.winners).toHaveLength(2);
    await t.api().post(`/api/campaigns/${id}/contest/draw`).send({ beaconValue }).expect(409);
    await waitUntil(
      async () => t.sink.received.length,
      (n) => n === 2,
      10_000,
      'winner mails',
    );
    expect(t.sink.received.every((m) => m.parsed.subject === 'You won: Win a year of tea')).toBe(true);
    expect((await t.api().get(`/api/campaigns/${id}/contest/draw/verify`).expect(200)).body).toMatchObject({
      ok: true,
      seedMatchesCommitment: true,
      snapshotMatchesHash: true,
      winnersMatch: true,
    });

    const loser = drawn.winners[0].subscriberId;
    const after = (
      await t
        .api()
        .post(`/api/campaigns/${id}/contest/winners/${loser}/disqualify`)
        .send({ reason: 'Email bounced' })
        .expect(200)
    ).body;
    expect(after.winners).toHaveLength(3);
    expect(after.winners[0]).toMatchObject({ subscriberId: loser, status: 'disqualified', reason: 'Email bounced' });
    expect(after.winners[2].status).toBe('won');
    await t
      .api()
      .post(`/api/campaigns/${id}/contest/winners/${loser}/disqualify`)
      .send({ reason: 'again' })
      .expect(404);
    expect((await t.api().get(`/api/campaigns/${id}/contest/draw/verify`).expect(200)).body.ok).toBe(true);
    const log = (await t.api().get(`/api/campaigns/${id}/contest/draw/log`).expect(200)).body;
    expect(log.map((l: { action: string }) => l.action)).toEqual(['commit', 'freeze', 'draw', 'disqualify', 'redraw']);

    const report = (await t.api().get(`/api/campaigns/${id}/report/contest`).expect(200)).body;
    expect(report).toMatchObject({ sent: 5, entries: 4, bonusEntries: 2, referralsCredited: 1, referralsPending: 0 });
    expect(report.winners.filter((w: { status: string }) => w.status === 'won')).toHaveLength(2);

    // Who entered and whom they brought, as the report lists them.
    const entrants = (await t.api().get(`/api/campaigns/${id}/contest/entrants?limit=3`).expect(200)).body;
    expect(entrants).toMatchObject({ page: 1, limit: 3, total: 4 });
    expect(entrants.items).toHaveLength(3);
    expect(entrants.items[0]).toMatchObject({
      subscriberId: audience.subscriberIds[0],
      email: audience.emails[0],
      answer: 'Sencha',
      chances: 3,
      referralsCredited: 1,
      referralsPending: 0,
    });
    const rest = (await t.api().get(`/api/campaigns/${id}/contest/entrants?limit=3&page=2`).expect(200)).body;
    expect(rest.items).toHaveLength(1);
    const everyone = [...entrants.items, ...rest.items];
    expect(new Set(everyone.map((e: { subscriberId: number }) => e.subscriberId)).size).toBe(4);
    expect(everyone.filter((e: { winnerStatus: string | null }) => e.winnerStatus === 'won')).toHaveLength(2);
    expect(everyone.filter((e: { winnerStatus: string | null }) => e.winnerStatus === 'disqualified')).toHaveLength(1);
    const referrals = (await t.api().get(`/api/campaigns/${id}/contest/referrals`).expect(200)).body;
    expect(referrals.total).toBe(1);
    expect(referrals.items[0]).toMatchObject({
      referrerEmail: audience.emails[0],
      referredEmail: 'friend@example.com',
      status: 'credited',
    });
    expect(
      (await t.api().get(`/api/campaigns/${id}/contest/entrants?limit=500`).expect(400)).body.message,
    ).toBeTruthy();

    // The audit file: the same from the admin API and the public URL, nothing personal in it, and the script recomputes it.
    const adminFile = await t.api().get(`/api/campaigns/${id}/contest/draw/audit`).expect(200);
    expect(adminFile.headers['content-disposition']).toContain(`contest-${id}-draw-audit.json`);
    const publicFile = await t.http().get(`/c/draw/${id}/audit.json`).expect(200);
    expect(publicFile.headers['content-type']).toContain('application/json');
    const audit = publicFile.body;
    expect(audit).toEqual(adminFile.body);
    const text = JSON.stringify(audit);
    for (const email of [...audience.emails, 'friend@example.com']) expect(text).not.toContain(email);
    expect(audit).toMatchObject({
      algorithm: 'valuemail-draw/2',
      commitment: { seedHash: committed.seedHash },
      beacon: { round: committed.beacon.round, value: beaconValue },
    });
    expect(audit.draw.order).toHaveLength(3);
    expect(audit.draw.winners.map((w: { status: string }) => w.status)).toEqual(['disqualified', 'won', 'won']);
    expect(audit.draw.winners[0].reason).toBe('Email bounced');

    const good = verifyDraw(audit);
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('verifies');
    expect(good.stdout).toContain(committed.beacon.url);

    // Tampering with any published fact fails verification, with the reason.
    const tampered = (change: (doc: typeof audit) => void) => {
      const doc = structuredClone(audit);
      change(doc);
      return verifyDraw(doc);
    };
    const otherRef = (ref: string) => ref.slice(0, -1) + (ref.endsWith('0') ? '1' : '0');
    const cases: Array<[string, (doc: typeof audit) => void, RegExp]> = [
      [
        'one entry',
        (d) => void (d.entries.list[1][0] = otherRef(d.entries.list[1][0])),
        /entry list does not match its fingerprint/,
      ],
      ['one weight', (d) => void (d.entries.list[0][1] += 1), /entry list does not match its fingerprint/],
      ['an entry added', (d) => void d.entries.list.push(['f'.repeat(32), 1]), /entries but lists 5|fingerprint/],
      ['the seed', (d) => void (d.draw.seed = randomBytes(32).toString('hex')), /seed does not match its commitment/],
      [
        'the winner order',
        (d) => void ([d.draw.order[1], d.draw.order[2]] = [d.draw.order[2], d.draw.order[1]]),
        /pick 2 should be/,
      ],
      [
        'a winner swapped',
        (d) =>
          void (d.draw.winners[1].entry = d.entries.list.find(([ref]: [string]) => !d.draw.order.includes(ref))[0]),
        /winners table/,
      ],
      ['the beacon value', (d) => void (d.beacon.value = beaconChangingTheDraw(audit)), /should be/],
      ['the beacon round', (d) => void (d.beacon.round = 1), /before entries closed/],
    ];
    for (const [what, change, reason] of cases) {
      const result = tampered(change);
      expect({ what, status: result.status }).toEqual({ what, status: 1 });
      expect(result.stdout).toMatch(reason);
      expect(result.stdout).toContain('does NOT verify');
    }
  });

  it('credits a double opt-in referral only on confirmation; a commit after the close needs a beacon and a late freeze is flagged; forged links record nothing', async () => {
    const audience = await createAudience(t, 1);
    await t.app.get(DataSource).getRepository(MailingList).update({ id: audience.listId }, { optIn: 'double' });
    const id = await sendKindCampaign(t, 'contest', contest(60_000), audience.listId);
    const [link] = linksIn(t, htmlFor(t, audience.emails[0]), 'c');
    const entered = await postForm(t, link, { answer: 'Earl Grey' }).expect(200);
    const referral = /\/c\/ref\/([A-Z0-9]+)/.exec(entered.text)![0];
    const joined = await postForm(t, referral, { email: 'double@example.com' }).expect(200);
    expect(joined.text).toContain('Please confirm');
    const [friend] = await rows<{ id: number }>(t, 'SELECT id FROM subscribers WHERE email = ?', [
      'double@example.com',
    ]);
    expect(await count(t, 'contest_referrals', "campaign_id = ? AND status = 'pending'", [id])).toBe(1);
    const referrals = t.app.get(ContestReferralService);
    expect(await referrals.onConfirmed(Number(friend.id))).toBe(1);
    expect(await referrals.onConfirmed(Number(friend.id))).toBe(0);
    const [entry] = await rows<{ bonus_entries: number }>(
      t,
      'SELECT bonus_entries FROM contest_entries WHERE campaign_id = ?',
      [id],
    );
    expect(Number(entry.bonus_entries)).toBe(2);

    // A seed alone committed after the close could be picked knowing every entry: refused; with a beacon round still to come it is safe.
    frozen = Date.now() + 120_000;
    expect(
      (await t.api().post(`/api/campaigns/${id}/contest/draw/commit`).send({}).expect(409)).body.message,
    ).toContain('Commit before entries close');
    expect(await count(t, 'contest_draws', 'campaign_id = ?', [id])).toBe(0);
    const late = (await t.api().post(`/api/campaigns/${id}/contest/draw/commit`).send({ useBeacon: true }).expect(201))
      .body;
    expect(new Date(late.beacon.at).getTime()).toBeGreaterThanOrEqual(frozen + 3_600_000);
    // Frozen only once the beacon value is out (here by the draw itself): allowed, but said everywhere.
    frozen = new Date(late.beacon.at).getTime() + 1000;
    const drawn = (
      await t
        .api()
        .post(`/api/campaigns/${id}/contest/draw`)
        .send({ beaconValue: 'cd'.repeat(32) })
        .expect(200)
    ).body;
    expect(drawn.caveats.map((c: { code: string }) => c.code)).toEqual(['frozen_after_beacon']);
    expect((await t.http().get(`/c/draw/${id}`).expect(200)).text).toContain(
      'frozen after that public random number was out',
    );
    const lateCheck = verifyDraw((await t.http().get(`/c/draw/${id}/audit.json`).expect(200)).body);
    expect(lateCheck.status).toBe(0);
    expect(lateCheck.stdout).toContain('committed after entries closed, but before the beacon round');
    expect(lateCheck.stdout).toContain('after beacon round');
    frozen = undefined;

    const before = await count(t, 'contest_entries');
    for (const path of [`/c/${forge(tokenOf(link))}`, '/c/garbage-token-xyz', '/c/ref/NOSUCHCODE1', '/c/draw/999999']) {
      expect((await t.http().get(path).expect(404)).text).toContain('This link does not work');
    }
    await postForm(t, `/c/${forge(tokenOf(link))}`, { answer: 'x' }).expect(404);
    await postForm(t, '/c/ref/NOSUCHCODE1', { email: 'x@example.com' }).expect(404);
    expect(await count(t, 'contest_entries')).toBe(before);
    expect(await count(t, 'subscribers', 'email = ?', ['x@example.com'])).toBe(0);
  });
  it('lets a friend join a segment-targeted contest through a referral link, into the referral list; a draw without beacon verifies and says what it cannot rule out', async () => {
    const audience = await createAudience(t, 2, { prefix: 'segmented' });
    const friends = await t.app
      .get(DataSource)
      .getRepository(MailingList)
      .save({ name: 'Contest friends', optIn: 'single' });
    const segment = (
      await t
        .api()
        .post('/api/segments')
        .send({ name: 'Segmented', filter: { field: 'email', op: 'contains', value: 'segmented-' } })
        .expect(201)
    ).body;
    const content = contest(120_000);
    const endsAt = new Date(content.endsAt).getTime();
    const campaign = (referralListId?: number) => ({
      kind: 'contest',
      name: 'Segment contest',
      subject: 'Win',
      fromName: 'Shop',
      fromEmail: 'news@shop.example',
      audience: { listIds: [], segmentId: segment.id },
      content: { ...content, ...(referralListId ? { referralListId } : {}) },
    });

    // A segment has no list to join: the contest must name one, and it must exist.
    const missing = (await t.api().post('/api/campaigns').send(campaign()).expect(400)).body;
    expect(missing.message).toContain('Choose the list friends join through referral links');
    expect(JSON.stringify(missing)).toContain('content.referralListId');
    expect((await t.api().post('/api/campaigns').send(campaign(999_999)).expect(400)).body.message).toContain(
      'list 999999) does not exist',
    );
    const id = (await t.api().post('/api/campaigns').send(campaign(friends.id)).expect(201)).body.id as number;
    await t.api().patch(`/api/campaigns/${id}`).send({ content }).expect(400);
    await t.api().post(`/api/campaigns/${id}/send`).expect(200);
    await waitUntil(
      () =>
        t
          .api()
          .get(`/api/campaigns/${id}/progress`)
          .then((r) => r.body),
      (p) => p.status === 'finished',
      30_000,
      'the segment contest to finish',
    );

    const [link] = linksIn(t, htmlFor(t, audience.emails[0]), 'c');
    const entered = await postForm(t, link, { answer: 'Rooibos' }).expect(200);
    const referral = /\/c\/ref\/([A-Z0-9]+)/.exec(entered.text)![0];
    await t.http().get(referral).expect(200);
    const joined = await postForm(t, referral, { email: 'segment-friend@example.com', name: 'Friend' }).expect(200);
    expect(joined.text).toContain('Welcome');
    const [friend] = await rows<{ id: number }>(t, 'SELECT id FROM subscribers WHERE email = ?', [
      'segment-friend@example.com',
    ]);
    expect(
      await count(t, 'list_memberships', "list_id = ? AND subscriber_id = ? AND status = 'confirmed'", [
        friends.id,
        friend.id,
      ]),
    ).toBe(1);
    expect(
      await count(t, 'contest_referrals', "campaign_id = ? AND status = 'credited' AND referred_subscriber_id = ?", [
        id,
        friend.id,
      ]),
    ).toBe(1);
    const [entry] = await rows<{ bonus_entries: number }>(
      t,
      'SELECT bonus_entries FROM contest_entries WHERE campaign_id = ? AND subscriber_id = ?',
      [id, audience.subscriberIds[0]],
    );
    expect(Number(entry.bonus_entries)).toBe(2);
    const [other] = linksIn(t, htmlFor(t, audience.emails[1]), 'c');
    await postForm(t, other, { answer: 'Chai' }).expect(200);

    // No beacon named: the draw takes no beacon value, and both the state and the script say what that leaves open.
    const committed = (await t.api().post(`/api/campaigns/${id}/contest/draw/commit`).send({}).expect(201)).body;
    expect(committed.beacon).toBeNull();
    expect(committed.caveats.map((c: { code: string }) => c.code)).toEqual(['no_beacon']);
    frozen = endsAt + 1000;
    expect(
      (
        await t
          .api()
          .post(`/api/campaigns/${id}/contest/draw`)
          .send({ beaconValue: 'ab'.repeat(32) })
          .expect(400)
      ).body.code,
    ).toBe('contest_beacon_invalid');
    const drawn = (await t.api().post(`/api/campaigns/${id}/contest/draw`).send({}).expect(200)).body;
    expect(drawn).toMatchObject({ entries: 2 });
    expect(drawn.winners).toHaveLength(2);
    const audit = (await t.http().get(`/c/draw/${id}/audit.json`).expect(200)).body;
    expect(audit.entries.list.map(([, weight]: [string, number]) => weight).sort()).toEqual([1, 3]);
    const result = verifyDraw(audit);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('no public beacon was used');
    expect(verifyDraw({ ...audit, draw: { ...audit.draw, seed: 'ab'.repeat(32) } }).status).toBe(1);
  });
});
