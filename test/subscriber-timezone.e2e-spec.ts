import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { CONFIRMATION_QUEUE } from '../src/audience/opt-in/send-confirmation.processor';
import { SUBSCRIBE_FORM_QUEUE } from '../src/audience/opt-in/subscribe-form.processor';
import { launchBrowser, openApp } from './support/browser';
import { queuesIdle } from './support/queues';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

// The subscriber's own timezone: validated and canonical through the API, filled by the browser on a public form.
describe('subscriber timezone', () => {
  let t: TestApp;
  let browser: Browser | undefined;
  let customerSite: Server | undefined;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await browser?.close();
    customerSite?.close();
    await t.close();
  });

  const subscriberByEmail = async (email: string) =>
    (
      await t
        .api()
        .get(`/api/subscribers?q=${encodeURIComponent(email)}`)
        .expect(200)
    ).body.items[0];

  it('is kept in its canonical spelling, refused with a clear message when unknown, and can be cleared', async () => {
    const created = await t
      .api()
      .post('/api/subscribers')
      .send({ email: 'tz@example.nl', timezone: 'europe/amsterdam' })
      .expect(201);
    expect(created.body.timezone).toBe('Europe/Amsterdam');
    const refused = await t
      .api()
      .post('/api/subscribers')
      .send({ email: 'tz2@example.nl', timezone: '+01:00' })
      .expect(400);
    expect(JSON.stringify(refused.body)).toContain('timezone must be a timezone name such as Europe/Amsterdam');
    await t.api().patch(`/api/subscribers/${created.body.id}`).send({ timezone: 'Atlantis/Capital' }).expect(400);
    const moved = await t
      .api()
      .patch(`/api/subscribers/${created.body.id}`)
      .send({ timezone: 'America/New_York' })
      .expect(200);
    expect(moved.body.timezone).toBe('America/New_York');
    const cleared = await t.api().patch(`/api/subscribers/${created.body.id}`).send({ timezone: null }).expect(200);
    expect(cleared.body.timezone).toBeNull();
    expect(
      (await t.api().post('/api/subscribers').send({ email: 'tz3@example.nl' }).expect(201)).body.timezone,
    ).toBeNull();
  });

  it("a public form on the customer's own site sends the browser's timezone; a made-up one is ignored, never refused", async () => {
    const list = (await t.api().post('/api/lists').send({ name: 'Site form', publicForm: true }).expect(201)).body;
    customerSite = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html><body>
<form method="post" action="${t.baseUrl}/public/lists/${list.id}/subscribe" data-valuemail-subscribe>
<label>Email <input name="email" type="email"></label><button type="submit">Join</button></form>
<script src="${t.baseUrl}/public/subscribe.js" defer></script></body></html>`);
    });
    await new Promise<void>((resolve) => customerSite!.listen(0, '127.0.0.1', resolve));
    const site = `http://127.0.0.1:${(customerSite.address() as AddressInfo).port}/`;

    browser = await launchBrowser();
    const { page, errors } = await openApp(browser, site);
    await page.goto(site);
    await page.getByLabel('Email').fill('browser.tz@example.nl');
    await Promise.all([page.waitForURL(/\/public\/lists\//), page.getByRole('button', { name: 'Join' }).click()]);
    await queuesIdle(t, [SUBSCRIBE_FORM_QUEUE, CONFIRMATION_QUEUE]);
    // openApp's browser context lives in Europe/Amsterdam.
    expect((await subscriberByEmail('browser.tz@example.nl')).timezone).toBe('Europe/Amsterdam');
    expect(errors).toEqual([]);

    await request(t.baseUrl)
      .post(`/public/lists/${list.id}/subscribe`)
      .type('form')
      .send({ email: 'odd.tz@example.nl', timezone: 'Mars/Olympus_Mons' })
      .expect(200);
    await queuesIdle(t, [SUBSCRIBE_FORM_QUEUE, CONFIRMATION_QUEUE]);
    expect((await subscriberByEmail('odd.tz@example.nl')).timezone).toBeNull();

    // A form cannot change a person who exists: anyone can type anyone's address.
    await request(t.baseUrl)
      .post(`/public/lists/${list.id}/subscribe`)
      .type('form')
      .send({ email: 'browser.tz@example.nl', timezone: 'Asia/Tokyo' })
      .expect(200);
    await queuesIdle(t, [SUBSCRIBE_FORM_QUEUE, CONFIRMATION_QUEUE]);
    expect((await subscriberByEmail('browser.tz@example.nl')).timezone).toBe('Europe/Amsterdam');
  });
});
