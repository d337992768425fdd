import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { waitUntil } from './fixtures';

/** Debian's Chromium (apt-get install chromium); CHROMIUM_PATH overrides. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'screenshots');

// A person's browser: HeadlessChrome in the user agent would make every open and click a machine event.
const USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}

/** A laptop-sized window on the app, with what the page logs as errors collected for the test to check. */
export async function openApp(
  browser: Browser,
  baseUrl: string,
  options: { width?: number; height?: number; locale?: string; bypassCsp?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: options.width ?? 1366, height: options.height ?? 900 },
    userAgent: USER_AGENT,
    locale: options.locale ?? 'en-GB',
    timezoneId: 'Europe/Amsterdam',
    acceptDownloads: true,
    // Only the accessibility scan asks for it: axe-core is injected as a script the app's CSP would refuse.
    bypassCSP: options.bypassCsp ?? false,
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return { context, page, errors };
}

/** Full-page PNG into test-output/screenshots/ (gitignored); README.md and docs/web-app.md show a few, copied into docs/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  // No hover tooltip, no toast.
  await page.mouse.move(0, 0);
  // Fixed header and navigation are drawn where the page is scrolled to: start at the top.
  await page.evaluate('window.scrollTo(0, 0)');
  // Charts animate in (frame by frame in their SVG) and Mantine fades in (CSS): wait until both hold still,
  // so the picture shows the numbers.
  // (A string evaluated by page.evaluate: the app's CSP refuses the eval that page.waitForFunction would use.)
  await waitUntil(
    () =>
      page.evaluate(`(() => {
        const drawing = Array.from(document.querySelectorAll('svg')).map((s) => s.innerHTML).join('');
        const still = drawing === window.__lastDrawing;
        window.__lastDrawing = drawing;
        return still && document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity);
      })()`),
    (still) => still === true,
    10_000,
    'the page to hold still',
  );
  await page.screenshot({ path, fullPage: true, style: '.mantine-Notifications-root { display: none !important; }' });
  return path;
}

/** Picks an option of a Mantine Select or MultiSelect (a combobox) by their labels. */
export async function choose(page: Page, label: string | RegExp, option: string | RegExp): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).first().click();
  await page.keyboard.press('Escape');
}

export async function signInThroughForm(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
}
