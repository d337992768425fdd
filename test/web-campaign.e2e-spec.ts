import type { Browser, Page } from 'playwright-core';
import { UsersService } from '../src/auth/users/users.service';
import { choose, launchBrowser, openApp, screenshot } from './support/browser';
import { waitUntil } from './support/fixtures';
import { htmlFor, linksIn } from './support/kinds';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(240_000);

const CSV = [
  'email,naam,stad',
  'anna@example.nl,Anna de Vries,Utrecht',
  'bram@example.nl,Bram Jansen,Utrecht',
  'sanne@example.nl,Sanne Bakker,Rotterdam',
  'not-an-email,Kapot,Utrecht',
  '',
].join('\n');

// A marketer's whole path through the browser, against the real api + worker + SMTP sink:
// sign in, import with a bad row, segment, compose a poll, preview, test, send, answer "9" from the mail, read the NPS.
describe('web app: from sign-in to a poll answer in the report', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const admin = { email: 'marketing@shop.example', password: 'correct horse battery staple' };

  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_TICK_MS: '200' } });
    await t.app
      .get(UsersService)
      .create({ email: admin.email, name: 'Anna Admin', role: 'admin', password: admin.password });
    browser = await launchBrowser();
    ({ page, errors } = await openApp(browser, t.baseUrl));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs in, imports, segments, composes, sends and shows the answer in the NPS', async () => {
    // Sign in: the app sends a stranger to the sign-in page.
    await page.goto('/campaigns');
    await page.waitForURL('**/sign-in');
    await screenshot(page, '01-sign-in');
    await page.getByLabel('Email address').fill(admin.email);
    await page.getByRole('textbox', { name: 'Password' }).fill('wrong password!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'do not match' }).waitFor();
    await page.getByRole('textbox', { name: 'Password' }).fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Back where we were going.
    await page.getByRole('heading', { name: 'Campaigns' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/campaigns');

    // A list to import into.
    await page.goto('/audience/lists');
    await page.getByRole('button', { name: 'New list' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('Customers');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: 'Customers' }).waitFor();

    // Import: the wizard reads the header and first rows in the browser and proposes a mapping.
    await page.goto('/audience/import');
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await page.getByText('3 columns, separated by “,”.').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    expect(await page.getByRole('combobox', { name: 'What column email holds' }).inputValue()).toBe('Email address');
    expect(await page.getByRole('combobox', { name: 'What column naam holds' }).inputValue()).toBe('Full name');
    expect(await page.getByRole('combobox', { name: 'What column stad holds' }).inputValue()).toBe('Attribute');
    await page.getByRole('cell', { name: 'not-an-email' }).waitFor();
    await screenshot(page, '02-import-mapping');
    await page.getByRole('button', { name: 'Next' }).click();
    await choose(page, 'Add to list', 'Customers');
    // The consent basis is a required choice: the start button waits for it.
    expect(await page.getByTestId('import-start').isDisabled()).toBe(true);
    await page.getByRole('radio', { name: 'They opted in' }).check();
    await page.getByLabel('Opted in on').fill('2024-03-01');
    await page.getByRole('textbox', { name: 'Where' }).fill('Sign-up form in the shop');
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-status').filter({ hasText: 'Finished' }).waitFor();
    expect(await page.getByTestId('import-failed').textContent()).toBe('1');
    // The bad-row report, on the page and as the download.
    await page.getByTestId('bad-rows-table').getByRole('cell', { name: 'not-an-email' }).waitFor();
    expect(await page.getByTestId('bad-rows-table').textContent()).toContain('invalid email address');
    const report = await page.request.get((await page.getByTestId('bad-rows').getAttribute('href'))!);
    expect(report.status()).toBe(200);
    expect((await report.text()).split('\r\n').slice(0, 2)).toEqual([
      'line,reason,email',
      '5,invalid email address,not-an-email',
    ]);
    await screenshot(page, '03-import-done');
    // The link to the imported people: the subscriber table filtered by this import run.
    await page.getByTestId('imported-people').click();
    await page.getByText(/^From import #\d+$/).waitFor();
    await page.getByText('3 subscribers').waitFor();
    const [annaRow] = (await t.api().get('/api/subscribers').query({ q: 'anna@example.nl' })).body.items;
    const consent = (await t.api().get(`/api/subscribers/${annaRow.id}/consent`)).body;
    expect(consent[0]).toMatchObject({ method: 'import', source: expect.stringContaining('Sign-up form in the shop') });

    // Segment: Utrecht customers, counted live.
    await page.goto('/audience/segments/new');
    await page.getByLabel('Name').fill('Utrecht customers');
    await choose(page, 'Field (condition)', 'Attribute');
    // Suggested from what the subscribers have: the attribute name and its commonest values, with counts.
    await page.getByRole('combobox', { name: 'Attribute name (condition)' }).click();
    await page.getByRole('option', { name: 'stad · 3' }).click();
    await page.getByRole('combobox', { name: 'Value (condition)' }).click();
    await page.getByRole('option', { name: 'Rotterdam · 1' }).waitFor();
    await screenshot(page, '04-segment-suggestions');
    await page.getByRole('option', { name: 'Utrecht · 2' }).click();
    expect(await page.getByRole('combobox', { name: 'Value (condition)' }).inputValue()).toBe('Utrecht');
    await page.getByTestId('segment-count').filter({ hasText: /^2$/ }).waitFor();
    await screenshot(page, '04-segment-builder');
    await page.getByRole('button', { name: 'Save segment' }).click();
    await page.waitForURL(/\/audience\/segments\/\d+$/);

    // Compose a poll.
    await page.goto('/campaigns/new');
    await screenshot(page, '05-composer-kinds');
    await page.getByTestId('kind-poll').click();
    await page.getByRole('textbox', { name: /^Question/ }).fill('How likely are you to recommend us to a friend?');
    await page.getByRole('textbox', { name: /^Ask for a comment/ }).fill('What is the main reason for your score?');
    // The live preview renders the mail while the marketer types.
    const frame = page.frameLocator('[data-testid=preview-frame]');
    await frame.getByText('How likely are you to recommend us to a friend?').waitFor();
    await screenshot(page, '06-composer-content');
    await page.getByTestId('composer-next').click();

    await choose(page, 'Lists', 'Customers');
    await choose(page, /^Segment/, 'Utrecht customers');
    await page.getByTestId('recipient-count').filter({ hasText: /^2$/ }).waitFor();
    await page.getByTestId('composer-next').click();

    await page.getByRole('textbox', { name: /^Internal name/ }).fill('NPS Q4');
    await page.getByRole('textbox', { name: /^Subject/ }).fill('One question, ');
    await page.getByRole('button', { name: 'Insert tag' }).first().click();
    await page.getByRole('menuitem', { name: /First name/ }).click();
    expect(await page.getByRole('textbox', { name: /^Subject/ }).inputValue()).toBe(
      'One question, {{default subscriber.firstName "there"}}',
    );
    await page
      .getByTestId('preview-subject')
      .filter({ hasText: /^One question, Sample$/ })
      .waitFor();
    // A From name without an address: the mail goes out from the default address under that name.
    await page.getByRole('textbox', { name: /^From name/ }).fill('UX Coffee');
    await page.getByTestId('composer-next').click();

    // Review: the saved campaign, rendered for a chosen subscriber, desktop and mobile, and its text part.
    await page.getByTestId('review-recipients').filter({ hasText: /^2$/ }).waitFor();
    // Who it is from and where replies go, as the mail will show it.
    expect(await page.getByTestId('review-from').textContent()).toBe('UX Coffee <newsletter@valuemail.localhost>');
    expect(await page.getByTestId('review-reply-to').textContent()).toBe('newsletter@valuemail.localhost');
    // The subject as a marketer reads it, and the missing postal address named with the way to fix it.
    await page.getByRole('cell', { name: 'One question, [first name]', exact: true }).waitFor();
    await page
      .getByTestId('review-no-postal-address')
      .getByRole('link', { name: /Settings → Brand/ })
      .waitFor();
    const id = Number(/\/campaigns\/(\d+)\/edit/.exec(page.url())![1]);
    await choose(page, 'Preview for', /anna@example\.nl/);
    await page
      .getByTestId('preview-subject')
      .filter({ hasText: /^One question, Anna$/ })
      .waitFor();
    await page.getByTestId('preview-panel').locator('label', { hasText: 'Mobile' }).click();
    expect(
      await page
        .getByTestId('preview-frame')
        .evaluate((el) => (el as unknown as { style: { width: string } }).style.width),
    ).toBe('375px');
    await page.getByRole('tab', { name: 'Text part' }).click();
    expect(await page.getByTestId('preview-text').textContent()).toContain(
      'How likely are you to recommend us to a friend?',
    );
    await page.getByRole('tab', { name: 'HTML' }).click();
    await screenshot(page, '07-composer-review');

    // A test to the marketer's own address.
    await page.getByRole('button', { name: 'Send test' }).click();
    await page.getByText(`Test sent to ${admin.email}`).waitFor();
    expect(t.sink.to(admin.email).map((m) => m.parsed.subject)).toEqual(['[Test] One question, Sample']);
    expect(t.sink.to(admin.email)[0].parsed.from?.text).toBe('"UX Coffee" <newsletter@valuemail.localhost>');

    // Send now, after a confirmation, and watch the live view reach 100%.
    await page.getByTestId('send-now').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Send now' }).click();
    await page.waitForURL(`**/campaigns/${id}/sending`);
    await page.getByTestId('sending-percent').filter({ hasText: '100%' }).waitFor({ timeout: 60_000 });
    const sentBy = Date.now();
    await page.getByTestId('campaign-status').filter({ hasText: 'Finished' }).first().waitFor();
    expect(await page.getByTestId('sent-count').textContent()).toBe('2');
    await screenshot(page, '08-sending-done');

    // Anna and Bram read the mail (their mail app loads its images); Anna clicks "9" in it.
    await t.sink.waitFor(3);
    expect(t.sink.to('sanne@example.nl')).toHaveLength(0);
    expect(t.sink.to('anna@example.nl')[0].parsed.from?.text).toBe('"UX Coffee" <newsletter@valuemail.localhost>');
    const nine = linksIn(t, htmlFor(t, 'anna@example.nl'), 'p').find((l) => l.endsWith('/9'))!;
    expect(nine).toBeDefined();
    const mailApp = await browser.newContext({
      userAgent:
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
    });
    const bram = await mailApp.newPage();
    await bram.setContent(htmlFor(t, 'bram@example.nl'), { waitUntil: 'load' });
    const anna = await mailApp.newPage();
    await anna.setContent(htmlFor(t, 'anna@example.nl'), { waitUntil: 'load' });
    // A person reads before answering: a click within MACHINE_CLICK_WINDOW_SECONDS (2 s) of sending is a
    // scanner's, so the engine's real clock must pass that mark (this process cannot move the worker's time).
    await waitUntil(
      async () => Date.now(),
      (now) => now > sentBy + 2_500,
      10_000,
      'a person’s reading time',
    );
    // The answer page posts itself; the answer is recorded by that POST, not by the GET.
    await anna.getByRole('link', { name: '9', exact: true }).click();
    await anna.getByText(/recorded your answer: 9/).waitFor();
    // The thank-you page asks the comment prompt.
    await anna.locator('textarea').fill('Lovely tea, quick delivery');
    await anna.locator('form button, form input[type=submit]').first().click();
    await anna.waitForLoadState('networkidle');
    await mailApp.close();

    // The report: one answer, a promoter, NPS 100.
    await page.getByTestId('open-report').click();
    await page.waitForURL(`**/campaigns/${id}/report`);
    await page.getByTestId('nps-score').filter({ hasText: /^100$/ }).waitFor();
    await page.getByText('1 answer from 2 sent (50%)').waitFor();
    await page.getByText('Lovely tea, quick delivery').waitFor();
    // Both opens arrive through the tracking drain; the report polls.
    await page.getByTestId('open-rate').filter({ hasText: '100%' }).waitFor({ timeout: 30_000 });
    await page.getByTestId('funnel').waitFor();
    await screenshot(page, '09-poll-report');

    // Anna in the subscriber table (searched on the server) and her profile: promoter, from the value scores.
    await page.goto('/audience/subscribers');
    await page.getByRole('searchbox', { name: 'Search' }).fill('anna');
    await page.getByText('1 subscriber', { exact: true }).waitFor();
    await screenshot(page, '11-subscribers');
    await page.getByRole('link', { name: 'anna@example.nl' }).click();
    await page.getByTestId('nps-class').filter({ hasText: 'Promoter · 9' }).waitFor({ timeout: 30_000 });
    await page.getByTestId('value-radar').waitFor();
    // Her timeline in sentences with the campaign's name, not "value: 9 · pollType: nps" or "campaign 1".
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await page.getByText('Answered 9 out of 10 to how likely they are to recommend you').waitFor();
    expect(await page.getByRole('link', { name: 'from “NPS Q4”' }).count()).toBeGreaterThan(0);
    expect(await page.getByText('pollType').count()).toBe(0);
    await screenshot(page, '12-subscriber-profile');

    // The dashboard lists it with its figures.
    await page.goto('/');
    await page.getByRole('link', { name: 'NPS Q4' }).waitFor();
    // From GET /api/dashboard: Anna's 9 is the one answer, a promoter, in the campaign's headline and over the year.
    await page.getByTestId('headline').filter({ hasText: 'NPS: 100' }).waitFor();
    await page.getByTestId('nps-overall').filter({ hasText: /^100$/ }).waitFor();
    await screenshot(page, '10-dashboard');
    expect(errors).toEqual([]);
  });
});
