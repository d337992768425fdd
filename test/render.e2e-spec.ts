import request from 'supertest';
import { DataSource } from 'typeorm';
import { Campaign } from '../src/campaigns/campaign.entity';
import { BUILT_IN_KINDS, sampleContent } from '../src/kinds/kind-content.registry';
import { LinkTokenService } from '../src/links/link-token.service';
import { MailTransport } from '../src/mail/mail-transport.service';
import { RenderService } from '../src/templates/render.service';
import { CAMPAIGN_LINKS_LOOKUP, CampaignLinksLookup } from '../src/tracking/campaign-links.lookup';
import { TRACKING_SINK, TrackingSink } from '../src/tracking/tracking-sink';
import { waitUntil } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

const hrefs = (html: string): string[] => [...html.matchAll(/<a\b[^>]*?\bhref="([^"]*)"/g)].map((m) => m[1]);

describe('templates and rendering (real app)', () => {
  let t: TestApp;
  let tokens: LinkTokenService;

  beforeAll(async () => {
    t = await startTestApp();
    tokens = t.app.get(LinkTokenService);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('POST /api/templates/preview', () => {
    it.each(BUILT_IN_KINDS)('renders a %s preview with its fields', async (kind) => {
      const res = await t
        .api()
        .post('/api/templates/preview')
        .send({
          kind,
          content: sampleContent(kind),
          subject: 'For {{subscriber.name}}',
          subscriber: { name: 'Ann', email: 'ann@example.com', attributes: {} },
        })
        .expect(200);
      expect(res.body.subject).toBe('For Ann');
      expect(res.body.html).toContain('Hi Ann,');
      const firstField = {
        discount: 'Spring is here',
        loyalty: '1,250',
        knowledge: 'Five ways to brew',
        service: 'Wrap my order',
        poll: 'recommend Green Leaf Tea',
        gift: 'Claim my gift',
        contest: 'Enter the contest',
      }[kind];
      expect(res.body.html).toContain(firstField);
      for (const href of hrefs(res.body.html)) expect(href.startsWith(`${t.baseUrl}/`)).toBe(true);
      expect(res.body.text).toContain(`${t.baseUrl}/u/`);
      expect(Array.isArray(res.body.links)).toBe(true);
    });

    it('names the invalid content fields (400)', async () => {
      const res = await t
        .api()
        .post('/api/templates/preview')
        .send({ kind: 'poll', content: { type: 'nps', colour: 'red' } })
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'invalid_content' });
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(
        expect.arrayContaining(['content.question', 'content.colour']),
      );
      expect(res.body.message).toContain('content.question');
    });

    it('refuses an unknown kind and unknown top-level fields (400)', async () => {
      await t.api().post('/api/templates/preview').send({ kind: 'lottery', content: {} }).expect(400);
      const res = await t
        .api()
        .post('/api/templates/preview')
        .send({ kind: 'poll', content: sampleContent('poll'), admin: true })
        .expect(400);
      expect(res.body.message).toContain('admin is not a known field');
    });

    it('answers broken MJML with 422 and its line', async () => {
      const customMjml = '<mj-section>\n  <mj-column>\n    <mj-nonsense>x</mj-nonsense>\n  </mj-column>\n</mj-section>';
      const res = await t
        .api()
        .post('/api/templates/preview')
        .send({ kind: 'poll', content: sampleContent('poll'), customMjml })
        .expect(422);
      expect(res.body).toMatchObject({ statusCode: 422, code: 'mjml_invalid' });
      expect(res.body.details.problems[0]).toMatchObject({ source: 'customMjml', line: 3 });
      expect(res.body.message).toContain('line 3');
    });

    it('refuses mj-include of /etc/passwd (422) without reading it', async () => {
      const customMjml =
        '<mj-section><mj-column><mj-text>x</mj-text></mj-column></mj-section>\n<mj-include path="/etc/passwd" type="css" />';
      const res = await t
        .api()
        .post('/api/templates/preview')
        .send({ kind: 'poll', content: sampleContent('poll'), customMjml })
        .expect(422);
      expect(res.body).toMatchObject({ code: 'include_refused' });
      expect(JSON.stringify(res.body)).not.toContain('root:');
    });

    it('needs an API key', async () => {
      await request(t.baseUrl)
        .post('/api/templates/preview')
        .send({ kind: 'poll', content: sampleContent('poll') })
        .expect(401);
    });
  });

  describe('GET /r/:token/:index', () => {
    const token = () => tokens.sign({ campaignId: 5, deliveryId: 6, subscriberId: 7 });

    it('redirects a genuine token to the stored URL and reports the click', async () => {
      const lookup = t.app.get<CampaignLinksLookup>(CAMPAIGN_LINKS_LOOKUP);
      const sink = t.app.get<TrackingSink>(TRACKING_SINK);
      const links = jest
        .spyOn(lookup, 'linksOf')
        .mockResolvedValue(['https://shop.example/a?x=1&y=2', 'https://shop.example/b']);
      const click = jest.spyOn(sink, 'recordClick');
      try {
        const res = await request(t.baseUrl).get(`/r/${token()}/1`).set('User-Agent', 'jest').expect(302);
        expect(res.headers.location).toBe('https://shop.example/b');
        expect(links).toHaveBeenCalledWith(5);
        await waitUntil(
          async () => click.mock.calls.length,
          (n) => n > 0,
          5_000,
          'the click to be reported',
        );
        expect(click).toHaveBeenCalledWith(
          expect.objectContaining({
            claims: { campaignId: 5, deliveryId: 6, subscriberId: 7 },
            index: 1,
            url: 'https://shop.example/b',
            ua: 'jest',
            method: 'GET',
          }),
        );
        await request(t.baseUrl)
          .head(`/r/${token()}/0`)
          .expect(302)
          .expect('location', 'https://shop.example/a?x=1&y=2');
        const out = await request(t.baseUrl).get(`/r/${token()}/2`).expect(404);
        expect(out.headers['content-type']).toMatch(/text\/html/);
      } finally {
        links.mockRestore();
        click.mockRestore();
      }
    });

    it('reads the link list from campaigns.links', async () => {
      const campaign = await t.app
        .get(DataSource)
        .getRepository(Campaign)
        .save({
          kind: 'knowledge',
          name: 'links',
          subject: 'Links',
          audience: { listIds: [] },
          content: {},
          links: ['https://example.org/first', 'https://example.org/second'],
        });
      const genuine = tokens.sign({ campaignId: campaign.id, deliveryId: 1, subscriberId: 2 });
      await request(t.baseUrl).get(`/r/${genuine}/1`).expect(302).expect('location', 'https://example.org/second');
      await request(t.baseUrl).get(`/r/${genuine}/2`).expect(404);
      await request(t.baseUrl)
        .get(`/r/${tokens.sign({ campaignId: campaign.id + 1000, deliveryId: 1, subscriberId: 2 })}/0`)
        .expect(404);
    });

    it.each([
      ['a forged token', () => 'AQUGB' + 'x'.repeat(16), '0'],
      [
        'an altered token',
        () => {
          const g = token();
          return g.slice(0, -2) + (g.endsWith('AA') ? 'BB' : 'AA');
        },
        '0',
      ],
      ['a negative index', () => token(), '-1'],
      ['a non-numeric index', () => token(), 'abc'],
      ['a huge index', () => token(), '99999999999'],
    ])('answers %s with a friendly 404 page, never a redirect', async (_what, make, index) => {
      const res = await request(t.baseUrl).get(`/r/${make()}/${index}`).expect(404);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers.location).toBeUndefined();
      expect(res.text).toContain('This link does not work');
    });

    it('answers a genuine token of a campaign without links with 404', async () => {
      await request(t.baseUrl)
        .get(`/r/${tokens.sign({ campaignId: 123456, deliveryId: 1, subscriberId: 1 })}/0`)
        .expect(404);
    });
  });

  describe('GET /o/:token.gif', () => {
    const expectGif = (res: request.Response) => {
      expect(res.headers['content-type']).toBe('image/gif');
      expect(res.headers['cache-control']).toBe('no-store, no-cache, must-revalidate, private');
      expect(res.headers.expires).toBe('0');
    };

    it('returns the 43-byte GIF for a genuine token and reports the open', async () => {
      const sink = t.app.get<TrackingSink>(TRACKING_SINK);
      const open = jest.spyOn(sink, 'recordOpen');
      try {
        const genuine = tokens.sign({ campaignId: 1, deliveryId: 2, subscriberId: 3 });
        const res = await request(t.baseUrl)
          .get(`/o/${genuine}.gif`)
          .buffer(true)
          .parse((r, cb) => {
            const chunks: Buffer[] = [];
            r.on('data', (c: Buffer) => chunks.push(c));
            r.on('end', () => cb(null, Buffer.concat(chunks)));
          })
          .expect(200);
        expectGif(res);
        expect((res.body as Buffer).length).toBe(43);
        expect((res.body as Buffer).subarray(0, 6).toString()).toBe('GIF89a');
        await waitUntil(
          async () => open.mock.calls.length,
          (n) => n > 0,
          5_000,
          'the open to be reported',
        );
        expect(open).toHaveBeenCalledWith(
          expect.objectContaining({ claims: { campaignId: 1, deliveryId: 2, subscriberId: 3 }, method: 'GET' }),
        );
      } finally {
        open.mockRestore();
      }
    });

    it.each(['forged-token-xxxxxxxxxxxxxxxx.gif', 'nonsense', '%00.gif', 'x'.repeat(400) + '.gif'])(
      'still returns the GIF for %s',
      async (file) => {
        const res = await request(t.baseUrl).get(`/o/${file}`).expect(200);
        expectGif(res);
        expect(Number(res.headers['content-length'])).toBe(43);
      },
    );

    it('answers HEAD', async () => {
      const res = await request(t.baseUrl)
        .head(`/o/${tokens.sign({ campaignId: 1, deliveryId: 2, subscriberId: 3 })}.gif`)
        .expect(200);
      expectGif(res);
    });
  });

  it('sends a rendered poll campaign to the SMTP sink with HTML and text parts carrying the tracking links', async () => {
    const renderer = t.app.get(RenderService);
    const poll = await renderer.compile({
      id: 32,
      kind: 'poll',
      subject: 'One question, {{subscriber.name}}',
      preheader: 'One click',
      content: sampleContent('poll') as never,
      customMjml: null,
      locale: 'en',
    });
    const message = renderer.render(poll, {
      deliveryId: 77,
      subscriber: { id: 8, email: 'ann@example.com', name: 'Ann', attributes: {} },
    });
    await t.app.get(MailTransport).send({
      from: t.config.mailFrom,
      to: 'ann@example.com',
      subject: message.subject,
      html: message.html,
      text: message.text,
      list: { unsubscribe: { url: message.unsubscribeUrl } },
    });
    const [mail] = await t.sink.waitFor(1);
    expect(mail.parsed.subject).toBe('One question, Ann');
    const html = String(mail.parsed.html);
    const text = String(mail.parsed.text);
    expect(tokens.verify(message.token)).toEqual({ campaignId: 32, deliveryId: 77, subscriberId: 8 });
    for (let score = 0; score <= 10; score++) {
      expect(html).toContain(`href="${t.baseUrl}/p/${message.token}/${score}"`);
      expect(text).toContain(`${t.baseUrl}/p/${message.token}/${score}`);
    }
    expect(html).toContain(`${t.baseUrl}/o/${message.token}.gif`);
    expect(text).toContain(`Unsubscribe [${t.baseUrl}/u/${message.token}]`);
    expect(mail.raw.toString()).toContain(`List-Unsubscribe: <${t.baseUrl}/u/${message.token}>`);
    // The pixel answers for this very message.
    await request(t.baseUrl).get(`/o/${message.token}.gif`).expect(200).expect('content-type', 'image/gif');
  });
});
