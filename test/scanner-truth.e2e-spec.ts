import type { Browser } from 'playwright-core';
import { EventLogFollower } from '../src/events/event-log.follower';
import { sampleContent } from '../src/kinds/kind-content.registry';
import { SCORES_CONSUMER } from '../src/scores/incremental/value-profile.consumer';
import { launchBrowser, openApp } from './support/browser';
import { createAudience, waitUntil } from './support/fixtures';
import { count, HeldClock, holdClock, rows, sendKindCampaign, settleActs } from './support/kinds';
import { startTestApp, TestApp } from './support/test-app';

// A corporate mail gateway "detonates" every link of an incoming message in a
// headless browser that runs scripts, with an ordinary desktop user agent, from
// one address, before the person sees the mail. Nothing it does may count.

const trialContent = {
  offerType: 'trial',
  trialPlan: 'Pro',
  trialDays: 14,
  codeMode: 'shared',
  sharedCode: 'TRIALPRO',
  headline: 'Try Pro',
  body: 'Free for two weeks.',
};
const loyaltyContent = {
  headline: 'Your points are waiting',
  body: 'Spend them in any shop.',
  bonusPoints: 150,
  bonusMode: 'on_click',
  rewards: [{ points: 250, label: 'A free pot of tea' }],
};

describe('scanner truth: a script-running link scanner counts for nothing, a person counts at once', () => {
  let t: TestApp;
  let browser: Browser;
  let clock: HeldClock;
  const campaigns: Record<'poll' | 'loyalty' | 'service' | 'trial', number> = {
    poll: 0,
    loyalty: 0,
    service: 0,
    trial: 0,
  };
  let audience: Awaited<ReturnType<typeof createAudience>>;

  /** Every link to the app in the mail a subscriber got from a campaign (the pixel excluded), as absolute URLs. */
  const linksOf = (email: string, subject: string): string[] => {
    const mail = t.sink.to(email).find((m) => String(m.parsed.subject).includes(subject));
    if (!mail) throw new Error(`no "${subject}" mail to ${email}`);
    const hrefs = [...String(mail.parsed.html).matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
    return [...new Set(hrefs.filter((h) => h.startsWith(t.baseUrl)))];
  };
  const htmlOf = (email: string, subject: string): string =>
    String(t.sink.to(email).find((m) => String(m.parsed.subject).includes(subject))!.parsed.html);

  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_TICK_MS: '200' } });
    audience = await createAudience(t, 3);
    campaigns.poll = await sendKindCampaign(
      t,
      'poll',
      { question: 'How likely are you to recommend us?', type: 'nps' },
      audience.listId,
      { subject: 'Poll for you' },
    );
    campaigns.loyalty = await sendKindCampaign(t, 'loyalty', loyaltyContent, audience.listId, {
      subject: 'Loyalty for you',
    });
    campaigns.service = await sendKindCampaign(t, 'service', sampleContent('service'), audience.listId, {
      subject: 'Service for you',
    });
    campaigns.trial = await sendKindCampaign(t, 'discount', trialContent, audience.listId, {
      subject: 'Trial for you',
    });
    browser = await launchBrowser();
    clock = holdClock(t);
  }, 120_000);

  afterAll(async () => {
    clock.release();
    await browser?.close();
    await t.close();
  });

  it('flags every act of a sequential and a parallel burst, retroactively, and counts none of them', async () => {
    const scanned = audience.emails[0];
    const subscriberId = audience.subscriberIds[0];
    const { context, page } = await openApp(browser, t.baseUrl);
    try {
      // In sequence, about 1.5 s apart (by the app's clock): the poll and the service offers.
      for (const subject of ['Poll for you', 'Service for you']) {
        for (const link of linksOf(scanned, subject)) {
          await page.goto(link);
          clock.advance(1500);
        }
      }
      // All at once, each in its own tab: the loyalty bonus and the trial.
      for (const subject of ['Loyalty for you', 'Trial for you']) {
        const links = linksOf(scanned, subject);
        const tabs = await Promise.all(links.map(() => context.newPage()));
        await Promise.all(links.map((link, i) => tabs[i].goto(link)));
        await Promise.all(tabs.map((tab) => tab.close()));
        clock.advance(60_000);
      }
    } finally {
      await context.close();
    }
    // Every act page and every other page of ours the scanner opened is in the log (the drain writes them in batches).
    await waitUntil(
      () => count(t, 'events', "type = 'page_view' AND subscriber_id = ?", [subscriberId]),
      (n) => n >= 11 + 2 + 1 + 1,
      15_000,
      "the scanner's page hits",
    );
    await settleActs(t, clock);

    // Nothing counted: no answer, no points, no request for the team, no trial.
    expect(await count(t, 'poll_answers', 'subscriber_id = ?', [subscriberId])).toBe(0);
    expect(
      await count(t, 'points_ledger', 'subscriber_id = ? AND campaign_id = ?', [subscriberId, campaigns.loyalty]),
    ).toBe(0);
    expect(await count(t, 'service_requests', 'subscriber_id = ?', [subscriberId])).toBe(0);
    expect(await count(t, 'trials', 'subscriber_id = ?', [subscriberId])).toBe(0);
    expect(await count(t, 'pending_acts', "subscriber_id = ? AND status <> 'machine'", [subscriberId])).toBe(0);
    // Kept and flagged, every one of them, with the reason: the first hits of the burst too.
    const acts = await rows<{ type: string; machine: unknown; machine_reason: string }>(
      t,
      "SELECT type, machine, machine_reason FROM events WHERE subscriber_id = ? AND type IN ('poll_answered', 'bonus_collected', 'service_requested', 'trial_started', 'page_view', 'click')",
      [subscriberId],
    );
    expect(acts.filter((e) => e.type === 'poll_answered')).toHaveLength(11);
    expect(acts.filter((e) => e.type === 'service_requested')).toHaveLength(2);
    expect(acts.filter((e) => e.type === 'bonus_collected')).toHaveLength(1);
    expect(acts.filter((e) => e.type === 'trial_started')).toHaveLength(1);
    expect(acts.filter((e) => !Number(e.machine))).toEqual([]);
    expect(new Set(acts.map((e) => e.machine_reason))).toEqual(new Set(['link_burst']));

    // Out of every figure: the campaign's NPS, the funnel, the subscriber's value.
    const poll = (await t.api().get(`/api/campaigns/${campaigns.poll}/report/poll`).expect(200)).body;
    expect(poll).toMatchObject({ answers: 0, nps: null });
    const value = (await t.api().get(`/api/subscribers/${subscriberId}/value`).expect(200)).body;
    expect(Object.values(value.scores).map((s) => (s as { score: number }).score)).toEqual([0, 0, 0, 0, 0]);
    expect(value.satisfaction.nps).toBeNull();
    expect(value.loyalty.balance).toBe(0);
  });

  it('counts a person who clicks 9 in the mail once, and the 7 they click a minute later instead', async () => {
    const person = audience.emails[1];
    const subscriberId = audience.subscriberIds[1];
    const { context, page } = await openApp(browser, t.baseUrl);
    try {
      // The mail as a mail app shows it; a real click on "9".
      await page.setContent(htmlOf(person, 'Poll for you'));
      await page.locator('a[href*="/p/"][href$="/9"]').click();
      await page.waitForURL(/\/p\/.+\/9$/);
      expect(await page.textContent('body')).toContain('We recorded your answer: 9');
      await settleActs(t, clock);
      expect(await rows(t, 'SELECT value FROM poll_answers WHERE subscriber_id = ?', [subscriberId])).toEqual([
        { value: '9' },
      ]);

      clock.advance(60_000);
      await page.setContent(htmlOf(person, 'Poll for you'));
      await page.locator('a[href*="/p/"][href$="/7"]').click();
      await page.waitForURL(/\/p\/.+\/7$/);
      await settleActs(t, clock);
    } finally {
      await context.close();
    }
    expect(await rows(t, 'SELECT value FROM poll_answers WHERE subscriber_id = ?', [subscriberId])).toEqual([
      { value: '7' },
    ]);
    const answered = await rows<{ machine: unknown; repeat: unknown }>(
      t,
      "SELECT machine, repeat FROM events WHERE type = 'poll_answered' AND subscriber_id = ? ORDER BY id",
      [subscriberId],
    );
    expect(answered.map((e) => [Number(e.machine), Number(e.repeat)])).toEqual([
      [0, 0],
      [0, 1],
    ]);

    const poll = (await t.api().get(`/api/campaigns/${campaigns.poll}/report/poll`).expect(200)).body;
    expect(poll).toMatchObject({ answers: 1, nps: { promoters: 0, passives: 1, detractors: 0 } });
    // The mail app showed the images (an open, 1) and the answer is one act (5), the changed answer adds nothing:
    // 6, a minute old, is 100 × (1 − 2^(−6/10)) = 34 for emotional value.
    await t.app.get(EventLogFollower).catchUp(SCORES_CONSUMER);
    const value = (await t.api().get(`/api/subscribers/${subscriberId}/value`).expect(200)).body;
    expect(value.scores.emotional).toMatchObject({ score: 34, eventCount: 2 });
    expect(value.satisfaction.nps).toMatchObject({ score: 7, class: 'passive' });
  });
});
