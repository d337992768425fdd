import type { Browser, Page } from 'playwright-core';
import { UsersService } from '../src/auth/users/users.service';
import { choose, launchBrowser, openApp, screenshot, signInThroughForm } from './support/browser';
import { createAudience } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

// A viewer reads everything and changes nothing: no write buttons, and the API refuses the write anyway.
describe('web app: a viewer cannot send', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    t = await startTestApp();
    await t.app
      .get(UsersService)
      .create({ email: 'viewer@shop.example', role: 'viewer', password: 'just looking around' });
    browser = await launchBrowser();
    ({ page, errors } = await openApp(browser, t.baseUrl));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows no send or compose buttons, and a send from the viewer’s session is refused', async () => {
    const audience = await createAudience(t, 2);
    const created = await t
      .api()
      .post('/api/campaigns')
      .send({
        kind: 'poll',
        name: 'Draft poll',
        subject: 'One question',
        audience: { listIds: [audience.listId] },
        content: { question: 'How are we doing?', type: 'nps' },
      })
      .expect(201);
    const id = created.body.id as number;

    await signInThroughForm(page, 'viewer@shop.example', 'just looking around');
    await page.getByText('Read-only access').waitFor();
    // Keyboard first: the first Tab reaches the skip link, which takes focus past the navigation.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe('Skip to content');
    await page.keyboard.press('Enter');
    await page.waitForFunction('document.activeElement && document.activeElement.id === "main"');
    expect(await page.getByRole('link', { name: 'New campaign' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Import CSV' }).count()).toBe(0);

    await page.goto('/campaigns');
    await page.getByRole('link', { name: 'Draft poll' }).waitFor();
    expect(await page.getByTestId('new-campaign').count()).toBe(0);

    await page.goto(`/campaigns/${id}/edit`);
    await page.getByText('You can look at campaigns, but composing them needs a marketer or admin account.').waitFor();
    expect(await page.getByTestId('send-now').count()).toBe(0);
    expect(await page.getByRole('button', { name: /send/i }).count()).toBe(0);
    await screenshot(page, '14-viewer-campaign');

    await page.goto('/audience/lists');
    await page.getByRole('heading', { name: 'Lists' }).waitFor();
    expect(await page.getByRole('button', { name: 'New list' }).count()).toBe(0);

    // The same session, asking the API directly with its CSRF token: 403, and nothing was sent.
    const refused = await page.evaluate(async (campaignId) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const res = await fetch(`/api/campaigns/${campaignId}/send`, {
        method: 'POST',
        headers: { 'x-csrf-token': me.csrfToken },
      });
      return { status: res.status, body: await res.json() };
    }, id);
    expect(refused.status).toBe(403);
    expect((await t.api().get(`/api/campaigns/${id}`).expect(200)).body.status).toBe('draft');
    expect(t.sink.received).toHaveLength(0);

    // The language in one step from the account menu, on any screen; the toast already speaks it.
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Nederlands' }).click();
    await page.getByRole('link', { name: 'Abonnees' }).waitFor();
    await page.getByText('Opgeslagen').waitFor();
    await page.reload();
    await page.getByRole('link', { name: 'Abonnees' }).waitFor();
    await page.getByRole('button', { name: 'Accountmenu' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Subscribers' }).waitFor();

    // Their own profile is theirs to change: the language follows the user record, also after a reload.
    await page.goto('/profile');
    await choose(page, 'Language', 'Nederlands');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: 'Abonnees' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Je profiel' }).waitFor();
    await screenshot(page, '15-profile-nl');
    // Sign out: back to the sign-in page, and the session is gone.
    await page.getByRole('button', { name: 'Accountmenu' }).click();
    await page.getByRole('menuitem', { name: 'Uitloggen' }).click();
    await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
    expect(await page.evaluate(async () => (await fetch('/api/auth/me')).status)).toBe(401);
    expect(errors).toEqual([]);
  });
});
