import type { Browser, Page } from 'playwright-core';
import { sampleContent } from '../src/kinds/kind-content.registry';
import { UsersService } from '../src/auth/users/users.service';
import { createAudience } from './support/fixtures';
import { choose, launchBrowser, openApp } from './support/browser';
import { htmlFor, linksIn, sendKindCampaign } from './support/kinds';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(300_000);

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; html: string; failureSummary?: string }>;
}

/**
 * axe-core (the engine behind Lighthouse's accessibility audit) against WCAG 2.0–2.2 A and AA rules,
 * injected into the real page in Chromium. What it calls serious or critical fails the test, with the
 * rule, the element and axe's own explanation in the message.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  // A string, not a function: this file is type-checked without the DOM library.
  const violations = (await page.evaluate(`axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    resultTypes: ['violations'],
  }).then((result) => result.violations)`)) as Violation[];
  // Our own rule beside axe's: no visible text smaller than 12 px (badges were 10–11 px).
  const tinyText = (await page.evaluate(`[...document.querySelectorAll('body *')]
    .filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
    .filter((el) => el.getClientRects().length > 0 && parseFloat(getComputedStyle(el).fontSize) < 12)
    .map((el) => 'text below 12px (' + getComputedStyle(el).fontSize + ') at ' + el.outerHTML.slice(0, 160))`)) as string[];
  const cutBadges = (await page.evaluate(`[...document.querySelectorAll('.mantine-Badge-label')]
    .filter((el) => el.getClientRects().length > 0 && el.scrollWidth > el.clientWidth + 1)
    .map((el) => 'badge text cut off: ' + el.textContent)`)) as string[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${n.html.slice(0, 160)}: ${n.failureSummary ?? ''}`),
    )
    .concat(tinyText, cutBadges);
}

describe('web app: accessibility scan (axe-core, WCAG 2.2 AA) of every main screen', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let campaignId: number;
  let publicPaths: string[];
  const admin = { email: 'a11y@shop.example', password: 'correct horse battery staple' };

  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_TICK_MS: '200' } });
    await t.app
      .get(UsersService)
      .create({ email: admin.email, name: 'Anna Admin', role: 'admin', password: admin.password });
    const audience = await createAudience(t, 3, { listName: 'Klanten' });
    campaignId = await sendKindCampaign(t, 'poll', sampleContent('poll'), audience.listId);
    const html = htmlFor(t, audience.emails[0]);
    publicPaths = [linksIn(t, html, 'p').find((l) => l.endsWith('/9'))!, linksIn(t, html, 'u')[0]];
    browser = await launchBrowser();
    ({ page } = await openApp(browser, t.baseUrl, { bypassCsp: true }));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the sign-in page has no serious or critical violations, and signs in', async () => {
    await page.goto('/sign-in');
    await page.getByLabel('Email address').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Email address').fill(admin.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });

  const screens: Array<[string, string, string]> = [
    ['dashboard', '/', 'Dashboard'],
    ['subscribers', '/audience/subscribers', 'Subscribers'],
    ['lists', '/audience/lists', 'Lists'],
    ['segments', '/audience/segments/new', 'New segment'],
    ['import', '/audience/import', 'Import subscribers'],
    ['export', '/audience/export', 'Export'],
    ['campaigns', '/campaigns', 'Campaigns'],
    ['kind chooser', '/campaigns/new', 'New campaign'],
    ['settings: brand', '/settings/brand', 'Settings'],
    ['settings: smtp', '/settings/smtp', 'Settings'],
    ['settings: users', '/settings/users', 'Settings'],
    ['settings: webhooks', '/settings/webhooks', 'Settings'],
    ['profile', '/profile', 'Profile'],
  ];

  it.each(screens)('%s has no serious or critical violations', async (_name, path, heading) => {
    await page.goto(path);
    await page.getByRole('heading', { name: heading }).first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the composer, at every step, has no serious or critical violations', async () => {
    await page.goto('/campaigns/new/poll');
    await page.getByRole('textbox', { name: /^Question/ }).fill('How likely are you to recommend us?');
    expect(['content', await seriousViolations(page)]).toEqual(['content', []]);
    await page.getByTestId('composer-next').click();
    await choose(page, 'Lists', 'Klanten');
    await page.getByTestId('recipient-count').filter({ hasText: /^3$/ }).waitFor();
    expect(['audience', await seriousViolations(page)]).toEqual(['audience', []]);
    await page.getByTestId('composer-next').click();
    await page.getByRole('textbox', { name: /^Internal name/ }).fill('NPS for axe');
    await page.getByRole('textbox', { name: /^Subject/ }).fill('One question');
    expect(['message', await seriousViolations(page)]).toEqual(['message', []]);
    await page.getByTestId('composer-next').click();
    await page.getByTestId('review-recipients').filter({ hasText: /^3$/ }).waitFor();
    expect(['review', await seriousViolations(page)]).toEqual(['review', []]);
    // A field left empty shows its message in a colour that can be read.
    await page.goto('/campaigns/new/poll');
    await page.getByTestId('composer-next').click();
    await page.locator('.mantine-InputWrapper-error').first().waitFor();
    expect(['invalid content', await seriousViolations(page)]).toEqual(['invalid content', []]);
  });

  it('the sending view and the report have no serious or critical violations', async () => {
    for (const path of [`/campaigns/${campaignId}`, `/campaigns/${campaignId}/report`]) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      expect([path, await seriousViolations(page)]).toEqual([path, []]);
    }
  });

  it('the public pages a subscriber sees have no serious or critical violations', async () => {
    for (const path of publicPaths) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      expect([path, await seriousViolations(page)]).toEqual([path, []]);
    }
  });

  it('at a phone width of 390 px, the composer and the report need no sideways scrolling', async () => {
    const phone = await openApp(browser, t.baseUrl, { width: 390, height: 844 });
    try {
      await phone.page.goto('/sign-in');
      await phone.page.getByLabel('Email address').fill(admin.email);
      await phone.page.getByRole('textbox', { name: 'Password' }).fill(admin.password);
      await phone.page.getByRole('button', { name: 'Sign in' }).click();
      await phone.page.getByRole('heading', { name: 'Dashboard' }).waitFor();
      // How far the page reaches past the screen's right edge, with the widest culprit named for the failure message.
      const overflow = () =>
        phone.page.evaluate(`(() => {
          const width = document.documentElement.clientWidth;
          const past = document.documentElement.scrollWidth - width;
          if (past <= 0) return 0;
          const widest = [...document.querySelectorAll('body *')]
            .filter((el) => el.getBoundingClientRect().right > width)
            .sort((a, b) => a.getBoundingClientRect().width - b.getBoundingClientRect().width)[0];
          return past + 'px by ' + (widest ? widest.outerHTML.slice(0, 200) : '?');
        })()`);

      await phone.page.goto('/campaigns/new/poll');
      await phone.page.getByRole('textbox', { name: /^Question/ }).fill('How likely are you to recommend us?');
      expect(['content', await overflow()]).toEqual(['content', 0]);
      await phone.page.getByTestId('composer-next').click();
      await choose(phone.page, 'Lists', 'Klanten');
      expect(['audience', await overflow()]).toEqual(['audience', 0]);
      await phone.page.getByTestId('composer-next').click();
      await phone.page.getByRole('textbox', { name: /^Internal name/ }).fill('NPS on a phone');
      await phone.page.getByRole('textbox', { name: /^Subject/ }).fill('One question');
      expect(['message', await overflow()]).toEqual(['message', 0]);
      await phone.page.getByTestId('composer-next').click();
      await phone.page.getByTestId('review-recipients').filter({ hasText: /^3$/ }).waitFor();
      expect(['review', await overflow()]).toEqual(['review', 0]);

      for (const path of [`/campaigns/${campaignId}`, `/campaigns/${campaignId}/report`, '/']) {
        await phone.page.goto(path);
        await phone.page.waitForLoadState('networkidle');
        expect([path, await overflow()]).toEqual([path, 0]);
      }

      // In Dutch, whose words are longer, status badges still show their whole text.
      await phone.page.getByRole('button', { name: 'Account menu' }).click();
      await phone.page.getByRole('menuitem', { name: 'Nederlands' }).click();
      for (const path of ['/campaigns', '/audience/subscribers', `/campaigns/${campaignId}`, '/']) {
        await phone.page.goto(path);
        await phone.page.waitForLoadState('networkidle');
        const cut = await phone.page.evaluate(`[...document.querySelectorAll('.mantine-Badge-label')]
          .filter((el) => el.getClientRects().length > 0 && el.scrollWidth > el.clientWidth + 1)
          .map((el) => el.textContent)`);
        expect([path, cut]).toEqual([path, []]);
        expect([path, await overflow()]).toEqual([path, 0]);
      }
    } finally {
      await phone.context.close();
    }
  });
});
