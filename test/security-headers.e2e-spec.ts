import type { Browser } from 'playwright-core';
import request from 'supertest';
import { launchBrowser, openApp } from './support/browser';
import { createAudience } from './support/fixtures';
import { htmlFor, linksIn, sendKindCampaign } from './support/kinds';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

const expectProtective = (res: request.Response) => {
  const csp = String(res.headers['content-security-policy']);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toMatch(/script-src 'self'(;|$)/);
  expect(csp).not.toContain("'unsafe-inline' 'self'");
  expect(csp.split(';').find((d) => d.trim().startsWith('script-src'))).not.toContain('unsafe-inline');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toMatch(/^(same-origin|no-referrer)$/);
};

describe('security headers on the API, the web app and the public pages', () => {
  let t: TestApp;
  let browser: Browser | undefined;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('API answers, errors included, are protected and never stored', async () => {
    for (const res of [
      await t.api().get('/api/lists').expect(200),
      await t.api().get('/api/subscribers/999999').expect(404),
      await request(t.baseUrl).get('/api/lists').expect(401),
    ]) {
      expectProtective(res);
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('public pages and form answers are protected and never stored; static assets keep their caching', async () => {
    const listId = (await t.api().post('/api/lists').send({ name: 'Headers', publicForm: true }).expect(201)).body.id;
    for (const res of [
      await request(t.baseUrl)
        .post(`/public/lists/${listId}/subscribe`)
        .set('X-Forwarded-For', '192.0.2.1')
        .send({ email: 'h@example.org' })
        .expect(200),
      await request(t.baseUrl)
        .post(`/public/lists/${listId}/subscribe`)
        .set('X-Forwarded-For', '192.0.2.1')
        .type('form')
        .send('email=h2%40example.org')
        .expect(200),
      await request(t.baseUrl).get('/u/not-a-token').expect(404),
    ]) {
      expectProtective(res);
      expect(res.headers['cache-control']).toBe('no-store');
    }
    // The web app's shell holds no personal data; it is revalidated on every load.
    const shell = await request(t.baseUrl)
      .get('/campaigns')
      .expect((r) => expect([200, 503]).toContain(r.status));
    expectProtective(shell);
    expect(shell.headers['cache-control']).toMatch(/^no-(cache|store)$/);
    const script = await request(t.baseUrl).get('/public/subscribe.js').expect(200);
    expectProtective(script);
    expect(script.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('sends HSTS only when the browser came over https', async () => {
    expect((await t.api().get('/api/lists').expect(200)).headers['strict-transport-security']).toBeUndefined();
    // Our (trusted, per TRUST_PROXY) proxy says the browser used https.
    const https = await t.api().get('/api/lists').set('X-Forwarded-Proto', 'https').expect(200);
    expect(https.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('serves public pages without inline scripts under a CSP that refuses any, and their forms work in a real browser', async () => {
    const audience = await createAudience(t, 1);
    await sendKindCampaign(
      t,
      'gift',
      {
        title: 'E-book',
        description: 'Our tea guide',
        giftType: 'download',
        downloadUrl: 'https://shop.example/guide.pdf',
      },
      audience.listId,
    );
    const [link] = linksIn(t, htmlFor(t, audience.emails[0]), 'g');
    const shown = await request(t.baseUrl).get(link).expect(200);
    expect(shown.text).not.toContain('<script');
    expect(shown.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(shown.headers['cache-control']).toMatch(/^no-store\b/);

    browser = await launchBrowser();
    const { context, page, errors } = await openApp(browser, t.baseUrl);
    const violations: string[] = [];
    page.on('console', (m) => m.type() === 'error' && violations.push(m.text()));
    await page.goto(link);
    // The person presses the button (a scanner opening the link claims nothing): the claimed page shows the download.
    await page.getByRole('button', { name: 'Claim my gift' }).click();
    await page.getByRole('link', { name: 'Download' }).waitFor();
    expect(await page.getByRole('link', { name: 'Download' }).getAttribute('href')).toBe(
      'https://shop.example/guide.pdf',
    );
    expect(violations.filter((v) => v.includes('Content Security Policy'))).toEqual([]);
    // An inline script the page did not come with is refused.
    const injected = await page.evaluate(`new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
      const s = document.createElement('script');
      s.textContent = 'window.injected = true';
      document.body.appendChild(s);
      setTimeout(() => resolve(window.injected ? 'ran' : 'silent'), 1000);
    })`);
    expect(injected).toMatch(/^script-src/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
