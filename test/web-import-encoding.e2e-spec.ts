import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { UsersService } from '../src/auth/users/users.service';
import { choose, launchBrowser, openApp, screenshot, signInThroughForm } from './support/browser';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

// Excel NL "CSV (gescheiden door lijstscheidingsteken)": ";"-separated Windows-1252 (test/fixtures/imports/generate.js).
const NL_CSV = readFileSync(join(__dirname, 'fixtures', 'imports', 'excel-nl-windows-1252.csv'));

describe('web app: importing a Windows-1252 file from Dutch Excel', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const admin = { email: 'marketing@shop.example', password: 'correct horse battery staple' };

  beforeAll(async () => {
    t = await startTestApp();
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

  it('shows José in the preview, re-decodes on another encoding, and imports him as José', async () => {
    await signInThroughForm(page, admin.email, admin.password);
    await page.goto('/audience/import');
    await page.locator('input[type=file]').setInputFiles({ name: 'klanten.csv', mimeType: 'text/csv', buffer: NL_CSV });
    await page.getByText('5 columns, separated by “;”.').waitFor();
    expect(await page.getByRole('combobox', { name: 'Encoding' }).inputValue()).toBe('Detected: Windows-1252');
    await page.getByTestId('import-sample').filter({ hasText: 'José' }).waitFor();

    // Read as UTF-8 the é is not a letter: the marketer sees it before importing.
    await choose(page, 'Encoding', /^UTF-8$/);
    await page.getByTestId('import-sample').filter({ hasText: 'Jos\uFFFD' }).waitFor();
    await choose(page, 'Encoding', /^Windows-1252$/);
    await page.getByTestId('import-sample').filter({ hasText: 'José' }).waitFor();
    await screenshot(page, 'import-encoding-picker');

    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('cell', { name: 'José', exact: true }).waitFor();
    await page.getByRole('cell', { name: 'Zoë', exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    // The file's consent basis is a required choice before anything is imported.
    await page.getByRole('radio', { name: 'They opted in' }).check();
    await page.getByLabel('Opted in on').fill('2024-03-01');
    await page.getByRole('textbox', { name: 'Where' }).fill('Klantenbestand uit de kassa');
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-status').filter({ hasText: 'Finished' }).waitFor();
    expect(await page.getByTestId('import-failed').textContent()).toBe('3');

    await page.goto('/audience/subscribers');
    await page.getByRole('searchbox', { name: 'Search' }).fill('jose@nl.example');
    await page.getByText('1 subscriber', { exact: true }).waitFor();
    await page.getByRole('cell', { name: 'José Martínez' }).waitFor();
    // What the server stored, read from outside.
    const res = await t.api().get('/api/subscribers?q=nl.example&limit=100').expect(200);
    const names = (res.body.items as Array<{ name: string }>).map((s) => s.name).sort();
    expect(names).toEqual(['Eurydice €uro', 'Françoise Müller', 'José Martínez', 'Zoë Jansen']);
    expect(errors).toEqual([]);
  });
});
