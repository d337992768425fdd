import { sampleContent } from '../src/kinds/kind-content.registry';
import { createAudience } from './support/fixtures';
import {
  count,
  forge,
  formAction,
  holdClock,
  htmlFor,
  linksIn,
  postForm,
  rows,
  sendKindCampaign,
  tokenOf,
} from './support/kinds';
import { startTestApp, TestApp } from './support/test-app';

const address = { name: 'An de Vries', street: 'Kerkstraat 1', postcode: '1011 AB', city: 'Amsterdam', country: 'NL' };

describe('gift kind: claim once, limited stock', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_TICK_MS: '200' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('claims a shipped gift once with an address, and reports the claim rate', async () => {
    const audience = await createAudience(t, 4);
    const id = await sendKindCampaign(t, 'gift', sampleContent('gift'), audience.listId);
    const [link] = linksIn(t, htmlFor(t, audience.emails[0]), 'g');
    const shown = await t.http().get(link).expect(200);
    expect(shown.text).toContain('Where should we send it?');
    expect(shown.text).not.toContain('document.forms[0].submit()');
    expect(await count(t, 'gift_claims')).toBe(0);

    const missing = await postForm(t, formAction(shown.text), { name: 'An' }).expect(422);
    expect(missing.text).toContain('Please fill in every field');
    expect(await count(t, 'gift_claims')).toBe(0);

    const claimed = await postForm(t, formAction(shown.text), address).expect(200);
    expect(claimed.text).toContain('Your gift is claimed');
    const again = await postForm(t, formAction(shown.text), address).expect(200);
    expect(again.text).toContain('You already claimed this gift');
    const [row] = await rows<{ status: string; address: string }>(
      t,
      'SELECT status, address FROM gift_claims WHERE campaign_id = ?',
      [id],
    );
    expect(row.status).toBe('claimed');
    expect(JSON.parse(row.address)).toEqual(address);
    expect(await count(t, 'events', "type = 'gift_claimed' AND campaign_id = ?", [id])).toBe(1);
    const report = (await t.api().get(`/api/campaigns/${id}/report/gift`).expect(200)).body;
    expect(report).toMatchObject({ sent: 4, claims: 1, claimRate: 0.25, stock: 500, stockLeft: 499 });
  });

  it('gives exactly 5 of a stock of 5 to 20 concurrent claimers, never below zero', async () => {
    const audience = await createAudience(t, 20);
    const id = await sendKindCampaign(
      t,
      'gift',
      { title: 'A code', description: 'For you', giftType: 'code', stock: 5 },
      audience.listId,
    );
    const links = audience.emails.map((e) => linksIn(t, htmlFor(t, e), 'g')[0]);
    const answers = await Promise.all(links.flatMap((l) => [postForm(t, l), postForm(t, l)]));
    expect(answers.filter((a) => a.status === 200 && a.text.includes('Your gift is claimed'))).toHaveLength(5);
    expect(answers.every((a) => [200, 409, 410].includes(a.status))).toBe(true);
    expect(await count(t, 'gift_claims', "campaign_id = ? AND status = 'claimed'", [id])).toBe(5);
    expect(await count(t, 'gift_claims', 'campaign_id = ?', [id])).toBe(5);
    const [stock] = await rows<{ stock_left: number }>(t, 'SELECT stock_left FROM gift_stocks WHERE campaign_id = ?', [
      id,
    ]);
    expect(Number(stock.stock_left)).toBe(0);
    const codes = await rows<{ code: string }>(t, 'SELECT code FROM gift_claims WHERE campaign_id = ?', [id]);
    expect(codes.every((c) => /^GIFT-[A-Z2-9]{4}-[A-Z2-9]{4}$/.test(c.code))).toBe(true);
    const loser = links[19];
    const page = await t.http().get(loser);
    expect([200, 410]).toContain(page.status);
    const report = (await t.api().get(`/api/campaigns/${id}/report/gift`).expect(200)).body;
    expect(report).toMatchObject({ claims: 5, stockLeft: 0 });
  });

  it('a download gift is claimed by the person pressing the button (a scanner opening the link claims nothing); expired and forged links record nothing', async () => {
    const audience = await createAudience(t, 1);
    const id = await sendKindCampaign(
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
    const shown = await t.http().get(link).expect(200);
    expect(shown.text).not.toContain('<script');
    expect(await count(t, 'gift_claims', 'campaign_id = ?', [id])).toBe(0);
    const claimed = await postForm(t, formAction(shown.text)).expect(200);
    expect(claimed.text).toContain('https://shop.example/guide.pdf');

    const late = await createAudience(t, 1);
    const lateId = await sendKindCampaign(
      t,
      'gift',
      { title: 'Late', description: 'x', giftType: 'code', claimDeadline: new Date(Date.now() + 60_000).toISOString() },
      late.listId,
    );
    const [lateLink] = linksIn(t, htmlFor(t, late.emails[0]), 'g');
    // Past the deadline by the app's clock (10 minutes on).
    const clock = holdClock(t);
    try {
      expect((await t.http().get(lateLink).expect(410)).text).toContain('This gift has expired');
      await postForm(t, lateLink).expect(410);
    } finally {
      clock.release();
    }
    expect(await count(t, 'gift_claims', 'campaign_id = ?', [lateId])).toBe(0);

    const before = await count(t, 'gift_claims');
    for (const path of [`/g/${forge(tokenOf(link))}`, '/g/garbage']) {
      expect((await t.http().get(path).expect(404)).text).toContain('This link does not work');
      await postForm(t, path, address).expect(404);
    }
    expect(await count(t, 'gift_claims')).toBe(before);
  });
});
