import type { Browser, Page } from 'playwright-core';
import { UsersService } from '../src/auth/users/users.service';
import { launchBrowser, openApp, screenshot, signInThroughForm } from './support/browser';
import { createAudience, waitUntil } from './support/fixtures';
import { htmlFor, linksIn } from './support/kinds';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(240_000);

// A contest from the review step through entries from the mail to the auditable draw in the report.
// The draft is made through the API: the composer's date fields have minute precision, and the draw
// needs the contest closed, so the test gives it a closing time seconds away.
describe('web app: a contest through the draw', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_TICK_MS: '200' } });
    await t.app
      .get(UsersService)
      .create({ email: 'admin@shop.example', role: 'admin', password: 'correct horse battery staple' });
    browser = await launchBrowser();
    ({ page, errors } = await openApp(browser, t.baseUrl));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('sends, takes entries, draws after the close and verifies the draw', async () => {
    const audience = await createAudience(t, 3, { listName: 'Contest fans' });
    const endsAt = new Date(Date.now() + 25_000);
    const created = await t
      .api()
      .post('/api/campaigns')
      .send({
        kind: 'contest',
        name: 'Win a year of tea',
        subject: 'Win a year of tea, {{default subscriber.name "there"}}',
        audience: { listIds: [audience.listId] },
        content: {
          title: 'Win a year of tea',
          rules: 'One entry each; friends you bring earn you more.',
          prize: 'Twelve tasting boxes',
          winners: 1,
          startsAt: new Date(Date.now() - 60_000).toISOString(),
          endsAt: endsAt.toISOString(),
          referralBonusEntries: 1,
        },
      })
      .expect(201);
    const id = created.body.id as number;

    await signInThroughForm(page, 'admin@shop.example', 'correct horse battery staple');
    // A draft opens at its review step.
    await page.goto(`/campaigns/${id}/edit`);
    await page.getByTestId('review-recipients').filter({ hasText: /^3$/ }).waitFor();
    await page.getByTestId('send-now').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Send now' }).click();
    await page.getByTestId('sending-percent').filter({ hasText: '100%' }).waitFor({ timeout: 60_000 });

    // Two of the three enter from their mail (the page has a button; the browser presses it).
    await t.sink.waitFor(3);
    for (const [i, email] of audience.emails.slice(0, 2).entries()) {
      const link = linksIn(t, htmlFor(t, email), 'c')[0];
      const visitor = await browser.newPage();
      await visitor.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.baseUrl });
      await visitor.goto(`${t.baseUrl}${link}`);
      await visitor.locator('form button, form input[type=submit]').first().click();
      await visitor.waitForLoadState('networkidle');
      if (i === 0) {
        // The referral link in one tap: copied to the clipboard, or passed on by mail or WhatsApp.
        const referral = await visitor.getByLabel('Your referral link').inputValue();
        expect(referral).toMatch(new RegExp(`^${t.baseUrl}/c/ref/[A-Z0-9]+$`));
        await visitor.getByRole('button', { name: 'Copy link' }).click();
        await visitor.getByRole('button', { name: 'Copied' }).waitFor();
        expect(await visitor.evaluate('navigator.clipboard.readText()')).toBe(referral);
        const whatsapp = await visitor.getByRole('link', { name: 'Share on WhatsApp' }).getAttribute('href');
        expect(decodeURIComponent(whatsapp!)).toContain(referral);
        const mail = await visitor.getByRole('link', { name: 'Send by email' }).getAttribute('href');
        expect(mail).toMatch(/^mailto:\?subject=Win%20a%20year%20of%20tea&body=/);
      }
      await visitor.close();
    }
    await page.goto(`/campaigns/${id}/report`);
    await page.getByTestId('contest-entries').filter({ hasText: /^2$/ }).waitFor();

    // Lock the draw in before the close (without the public random number: that comes out an hour after the
    // close, which kinds-contest.e2e-spec.ts covers by moving the clock); the draw button waits for the close.
    await page.getByTestId('draw-use-beacon').uncheck();
    await page.getByTestId('draw-commit').click();
    await page.getByTestId('draw-caveat-no_beacon').waitFor();
    await page.getByTestId('draw-winners').waitFor();
    expect(await page.getByTestId('draw-winners').isDisabled()).toBe(true);
    await waitUntil(
      async () => Date.now(),
      (now) => now > endsAt.getTime() + 500,
      40_000,
      'the contest to close',
    );
    await page.reload();
    await page.getByTestId('draw-winners').click();
    await page.getByTestId('winners').getByRole('row').nth(1).waitFor();
    expect(await page.getByTestId('winners').getByRole('row').count()).toBe(2); // header + one winner

    await page.getByTestId('draw-verify').click();
    await page.getByTestId('draw-verification').filter({ hasText: 'The draw checks out' }).waitFor();
    // The people behind the figures: both entrants with their chances, the winner marked; nobody brought a friend.
    const entrants = page.getByTestId('contest-entrants');
    for (const email of audience.emails.slice(0, 2)) await entrants.getByRole('link', { name: email }).waitFor();
    await entrants.getByText('Winner #1').waitFor();
    expect(await entrants.getByRole('row').count()).toBe(3);
    await page.getByText('No referrals yet').waitFor();
    expect(await page.getByTestId('draw-audit-download').getAttribute('href')).toBe(`/c/draw/${id}/audit.json`);
    await screenshot(page, '13-contest-draw');

    // The API agrees, and the winner got their mail.
    const verify = await t.api().get(`/api/campaigns/${id}/contest/draw/verify`).expect(200);
    expect(verify.body.ok).toBe(true);
    const winner = (await t.api().get(`/api/campaigns/${id}/contest/draw`).expect(200)).body.winners[0]
      .subscriberId as number;
    expect(audience.subscriberIds.slice(0, 2)).toContain(winner);
    const winnerEmail = audience.emails[audience.subscriberIds.indexOf(winner)];
    await waitUntil(
      async () => t.sink.to(winnerEmail).length,
      (n) => n === 2,
      10_000,
      'the winner mail',
    );
    expect(t.sink.to(winnerEmail)[1].parsed.subject).toContain('Win a year of tea');
    expect(errors).toEqual([]);
  });
});
