import { loadConfig } from '../config/app-config';
import { BUILT_IN_KINDS, BuiltInKind, renderOnlyKindRegistry, sampleContent } from '../kinds/kind-content.registry';
import { en } from '../i18n/messages/en';
import { nl } from '../i18n/messages/nl';
import { LinkTokenService } from '../links/link-token.service';
import { decodeEntities } from './link-rewriter';
import { MjmlCompiler } from './mjml-compiler';
import { RenderService } from './render.service';
import type { RenderableCampaign, RenderRecipient } from './render.types';
import { TemplateFiles } from './template-files';
import { TemplateException } from './template.exception';

const BASE = 'https://mail.example.com';
const config = loadConfig({ PUBLIC_URL: BASE, LINK_SECRETS: 'k'.repeat(40) });
const tokens = new LinkTokenService(config);

const kinds = renderOnlyKindRegistry();

function setup(): { service: RenderService; mjml: MjmlCompiler } {
  const mjml = new MjmlCompiler();
  return { service: new RenderService(config, new TemplateFiles(), mjml, tokens, kinds), mjml };
}

function campaign(kind: BuiltInKind, overrides: Partial<RenderableCampaign> = {}): RenderableCampaign {
  return { id: 42, kind, subject: 'News for {{default subscriber.name "you"}}', preheader: 'A short preheader', content: sampleContent(kind) as never, customMjml: null, locale: 'en-GB', ...overrides };
}

const ann: RenderRecipient = {
  deliveryId: 9001,
  subscriber: { id: 77, email: 'ann@example.com', name: 'Ann', attributes: { city: 'Utrecht' } },
  kindData: { couponCode: 'SPR-7K2M-Q9XZ', pointsBalance: 1234 },
};

const hrefs = (html: string): string[] => [...html.matchAll(/<a\b[^>]*?\bhref="([^"]*)"/g)].map((m) => m[1]);

// Everything a kind template must show, from its sample content.
const EXPECTED: Record<BuiltInKind, string[]> = {
  discount: ['Spring is here: 20% off all teas', '20% off', 'SPR-7K2M-Q9XZ', '20 March 2030', '20 April 2030', '€50.00', 'Shop the spring teas'],
  loyalty: ['Your points are waiting', '1,234', '+150 bonus points', 'Collect my bonus', 'A free pot of tea in any of our shops', '1,000 points'],
  knowledge: ['Five ways to brew a better green tea', 'Water temperature matters', 'Free online course', 'Course · pairing', 'alt="Five ways to brew a better green tea"'],
  service: ['Free gift wrapping', 'Wrap my order', 'Help choosing a gift', 'Suggest a gift'],
  poll: ['How likely are you to recommend Green Leaf Tea', '0: not at all likely', 'What is the main reason for your score?'],
  gift: ['A thank-you tin of our winter blend', 'Claim my gift', 'while 500 last', '24 December 2030', 'alt="A thank-you tin of our winter blend"'],
  contest: ['Win a year of tea', 'Twelve monthly tasting boxes', 'for each of 3 winners', '31 May 2030', 'Enter the contest', 'desert island'],
};

// The kind's fixed texts in Dutch, with Dutch dates and numbers (content stays as the marketer wrote it).
const DUTCH: Record<BuiltInKind, string[]> = {
  discount: ['20% korting', 'Je persoonlijke kortingscode', 'Geldig van 20 maart 2030 tot en met 20 april 2030.', 'Bij een bestelling vanaf € 50,00.'],
  loyalty: ['Je puntensaldo', '1.234', '+150 bonuspunten liggen voor je klaar', 'Haal mijn bonus op', 'Hier kun je je punten voor inwisselen', '1.000 punten'],
  knowledge: ['Artikel · brewing', 'Lees het artikel', 'Cursus · pairing', 'Start de cursus', 'Praat mee'],
  service: ['Free gift wrapping', 'Wrap my order'],
  poll: ['0 = helemaal niet waarschijnlijk, 10 = zeer waarschijnlijk', 'Eén klik en je antwoord is binnen.', 'Antwoorden kan tot en met 31 januari 2030.'],
  gift: ['Claim je cadeau', 'Eén per persoon, zolang de voorraad strekt (500 stuks).', 'Claim je cadeau uiterlijk 24 december 2030.'],
  contest: ['Dit kun je winnen (er zijn 3 winnaars)', 'Doe mee vóór 31 mei 2030', 'Meedoen? Beantwoord één vraag:', 'De spelregels', 'krijg je 1 extra kans.'],
};

const ACTION_PATHS: Record<BuiltInKind, RegExp> = {
  discount: /\/r\//,
  loyalty: /\/l\/[\w-]+$/,
  knowledge: /\/r\//,
  service: /\/s\/[\w-]+\/1$/,
  poll: /\/p\/[\w-]+\/10$/,
  gift: /\/g\/[\w-]+$/,
  contest: /\/c\/[\w-]+$/,
};

describe('RenderService', () => {
  describe.each(BUILT_IN_KINDS)('the %s template', (kind) => {
    it('shows its content, and every link is one of ours carrying the message token', async () => {
      const { service } = setup();
      const compiled = await service.compile(campaign(kind));
      const message = service.render(compiled, ann);
      const token = tokens.sign({ campaignId: 42, deliveryId: 9001, subscriberId: 77 });
      expect(message.token).toBe(token);
      for (const text of EXPECTED[kind]) expect(message.html).toContain(text);
      expect(message.html).toContain('Hi Ann,');
      expect(message.subject).toBe('News for Ann');
      const links = hrefs(message.html);
      expect(links.length).toBeGreaterThan(2);
      for (const href of links) expect(href).toMatch(new RegExp(`^${BASE}/[a-z]/${token}(/\\d+)?$`));
      expect(links).toContain(`${BASE}/u/${token}`);
      expect(links).toContain(`${BASE}/v/${token}`);
      expect(links.some((l) => ACTION_PATHS[kind].test(l))).toBe(true);
      expect(message.html).toContain(`<img src="${BASE}/o/${token}.gif" width="1" height="1" alt=""`);
      for (const img of message.html.match(/<img\b[^>]*>/g) ?? []) expect(img).toMatch(/\balt="/);
      // Redirect links point at the campaign's stored list, in order.
      for (const href of links.filter((l) => l.includes('/r/'))) expect(compiled.links[Number(href.split('/').pop())]).toMatch(/^https:\/\/greenleaf\.example\//);
      expect(message.text).toContain(`Unsubscribe [${BASE}/u/${token}]`);
      expect(message.text).not.toContain('{{');
    });

    it('speaks Dutch in every fixed text, HTML and text part, when the campaign is Dutch', async () => {
      const { service } = setup();
      const message = service.render(await service.compile(campaign(kind, { locale: 'nl' })), ann);
      const token = message.token;
      expect(message.html).toMatch(/<html[^>]*\blang="nl"/);
      for (const part of [message.html, message.text]) {
        expect(part).toContain('Hoi Ann,');
        expect(part).toContain('Bekijk deze e-mail in je browser');
        expect(part).toContain('Je ontvangt deze e-mail omdat je je hebt aangemeld voor het nieuws van valuemail.');
      }
      expect(message.text).toContain(`Afmelden [${BASE}/u/${token}]`);
      expect(message.text).toContain(`E-mailvoorkeuren [${BASE}/m/${token}]`);
      // No English fixed text left: every stretch of 8+ characters between placeholders of an English mail message
      // (the sample content itself is English and may contain some).
      const content = JSON.stringify(sampleContent(kind));
      const englishOnly = Object.entries(en)
        .filter(([key, text]) => (key.startsWith('mail.') || key.startsWith('poll.')) && nl[key as keyof typeof en] !== text)
        .flatMap(([, text]) => text.split(/\{\w+\}/).map((s) => s.trim()).filter((s) => s.length >= 8 && !content.includes(s)));
      const left = englishOnly.filter((fragment) => message.text.includes(fragment) || message.html.includes(fragment));
      expect(left).toEqual([]);
      for (const text of DUTCH[kind]) expect(message.text.replace(/\u00a0/g, ' ')).toContain(text);
    });
  });

  it('keeps the original URLs, entities decoded, in compiled.links and puts tracked links in the text part', async () => {
    const { service } = setup();
    const compiled = await service.compile(campaign('knowledge'));
    expect(compiled.links).toEqual(sampleContent('knowledge').items.map((i) => i.url));
    const message = service.render(compiled, ann);
    expect(message.text).toContain(`Five ways to brew a better green tea [${BASE}/r/${message.token}/0]`);
    expect(message.text).toContain(`Start the course → [${BASE}/r/${message.token}/1]`);
  });

  it('renders poll answer rows for csat, yes/no and choices', async () => {
    const { service } = setup();
    const answers = async (content: object) => hrefs(service.render(await service.compile(campaign('poll', { content: { question: 'Q?', ...content } })), ann).html).filter((h) => h.includes('/p/'));
    expect((await answers({ type: 'csat' })).map((h) => h.split('/').pop())).toEqual(['1', '2', '3', '4', '5']);
    expect((await answers({ type: 'yesno' })).map((h) => h.split('/').pop())).toEqual(['yes', 'no']);
    expect((await answers({ type: 'choice', choices: ['Tea', 'Coffee', 'Both'] })).map((h) => h.split('/').pop())).toEqual(['0', '1', '2']);
  });

  it('formats dates, numbers and currency in the campaign locale', async () => {
    const { service } = setup();
    const customMjml = `<mj-section><mj-column><mj-text>
      {{formatDate subscriber.attributes.since "long"}}|{{formatNumber kind.pointsBalance}}|{{formatCurrency kind.amount "EUR"}}|{{uppercase subscriber.name}}|{{lowercase "ÀB"}}|{{default subscriber.attributes.nickname "friend"}}
    </mj-text></mj-column></mj-section>`;
    const recipient = { ...ann, subscriber: { ...ann.subscriber, attributes: { since: '2024-03-05T10:00:00Z' } }, kindData: { pointsBalance: 1234567.891, amount: 1234.5 } };
    const nl = service.render(await service.compile(campaign('poll', { customMjml, locale: 'nl-NL' })), recipient).html.replace(/\u00a0/g, ' ');
    expect(nl).toContain('5 maart 2024|1.234.567,89|€ 1.234,50|ANN|àb|friend');
    const en = service.render(await service.compile(campaign('poll', { customMjml, locale: 'en-US' })), recipient).html.replace(/\u00a0/g, ' ');
    expect(en).toContain('March 5, 2024|1,234,567.89|€1,234.50|ANN|àb|friend');
  });

  it('renders a missing variable empty or as its default, and never throws', async () => {
    const { service } = setup();
    const customMjml = '<mj-section><mj-column><mj-text>[{{subscriber.attributes.missing.deeper}}][{{nope}}][{{default kind.none "fallback"}}][{{formatDate nothing}}][{{formatNumber "x"}}][{{#each kind.none}}x{{/each}}]</mj-text></mj-column></mj-section>';
    const compiled = await service.compile(campaign('poll', { customMjml }));
    const html = service.render(compiled, { deliveryId: 0, subscriber: { id: 1, email: 'x@example.com', name: '', attributes: {} } }).html;
    expect(html).toContain('[][][fallback][][][]');
  });

  it('resolves nothing through prototypes', async () => {
    const { service } = setup();
    const customMjml = '<mj-section><mj-column><mj-text>[{{constructor.constructor}}][{{__proto__}}][{{subscriber.constructor.name}}][{{lookup subscriber "__proto__"}}][{{#with subscriber.__proto__}}leak{{/with}}][{{subscriber.toString}}]</mj-text></mj-column></mj-section>';
    const compiled = await service.compile(campaign('poll', { customMjml }));
    expect(service.render(compiled, ann).html).toContain('[][][][][][]');
  });

  it('escapes recipient data in HTML but not in the text part or subject', async () => {
    const { service } = setup();
    const compiled = await service.compile(campaign('poll'));
    const message = service.render(compiled, { ...ann, subscriber: { ...ann.subscriber, name: '<b>O\'Brien</b>' } });
    expect(message.html).toContain('Hi &lt;b&gt;O&#x27;Brien&lt;/b&gt;,');
    expect(message.text).toContain("Hi <b>O'Brien</b>,");
    expect(message.subject).toBe("News for <b>O'Brien</b>");
  });

  it('lets content fields personalise, including quoted defaults', async () => {
    const { service } = setup();
    const content = { ...sampleContent('gift'), title: 'A gift for {{default subscriber.name "you"}} & co' };
    const compiled = await service.compile(campaign('gift', { content }));
    expect(service.render(compiled, ann).html).toContain('A gift for Ann &amp; co');
    expect(service.render(compiled, { ...ann, subscriber: { ...ann.subscriber, name: '' } }).html).toContain('A gift for you &amp; co');
  });

  it('compiles MJML once per campaign however many recipients are rendered', async () => {
    const { service, mjml } = setup();
    const c = campaign('poll');
    for (let i = 1; i <= 1000; i++) {
      const compiled = await service.compile(c);
      service.render(compiled, { deliveryId: i, subscriber: { id: i, email: `s${i}@example.com`, name: `S${i}`, attributes: {} } });
    }
    expect(mjml.compiles).toBe(1);
    await service.compile({ ...c, content: { ...c.content, question: 'Another question?' } });
    expect(mjml.compiles).toBe(2);
    // Same content under another campaign id: no new MJML run, but its own tokens.
    const other = await service.compile({ ...c, id: 43 });
    expect(mjml.compiles).toBe(2);
    expect(tokens.verify(service.render(other, ann).token)).toEqual({ campaignId: 43, deliveryId: 9001, subscriberId: 77 });
  });

  it('compiles once per campaign and locale: the locale is part of the cache key', async () => {
    const { service, mjml } = setup();
    const english = await service.compile(campaign('gift', { locale: 'en' }));
    const dutch = await service.compile(campaign('gift', { locale: 'nl' }));
    expect(mjml.compiles).toBe(2);
    expect(dutch.hash).not.toBe(english.hash);
    expect(service.render(english, ann).html).toContain('Claim my gift');
    expect(service.render(dutch, ann).html).toContain('Claim je cadeau');
    await service.compile(campaign('gift', { locale: 'nl' }));
    expect(mjml.compiles).toBe(2);
  });

  it('signs one token per recipient', async () => {
    const { service } = setup();
    const compiled = await service.compile(campaign('knowledge'));
    const sign = jest.spyOn(tokens, 'sign');
    service.render(compiled, ann);
    expect(sign).toHaveBeenCalledTimes(1);
    sign.mockRestore();
  });

  describe('marketer MJML', () => {
    const refusal = async (customMjml: string): Promise<TemplateException> => {
      const { service } = setup();
      const error = await service.compile(campaign('poll', { customMjml })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TemplateException);
      return error as TemplateException;
    };

    it('is used inside the layout, with its links tracked', async () => {
      const { service } = setup();
      const compiled = await service.compile(campaign('poll', { customMjml: '<mj-section><mj-column><mj-text>Hello {{subscriber.name}}, <a href="https://shop.example/a?x=1&amp;y=2">shop</a> or <a href="{{link \'unsubscribe\'}}">leave</a></mj-text></mj-column></mj-section>' }));
      expect(compiled.links).toEqual(['https://shop.example/a?x=1&y=2']);
      const message = service.render(compiled, ann);
      expect(message.html).toContain(`Hello Ann, <a href="${BASE}/r/${message.token}/0">shop</a> or <a href="${BASE}/u/${message.token}">leave</a>`);
      // The layout's footer is around it.
      expect(message.html).toContain('You receive this email because you subscribed');
      expect(message.html).not.toContain('Postal address not configured');
    });

    it('may include partials from templates/', async () => {
      const { service } = setup();
      const compiled = await service.compile(campaign('poll', { customMjml: '<mj-include path="partials/greeting.mjml" />\n<mj-section><mj-column><mj-text>Body</mj-text></mj-column></mj-section>' }));
      expect(service.render(compiled, ann).html).toContain('Hi Ann,');
    });

    it.each([
      ['/etc/passwd', ''],
      ['/etc/passwd', ' type="css"'],
      ['../../../../etc/passwd', ''],
      ['partials/../../package.json', ''],
      ['file:///etc/passwd', ''],
      ['partials/greeting.mjml', ' type="css"'],
    ])('refuses mj-include of %s%s', async (path, type) => {
      const error = await refusal(`<mj-section><mj-column><mj-text>x</mj-text></mj-column></mj-section>\n<mj-include path="${path}"${type} />`);
      expect(error).toMatchObject({ code: 'include_refused', status: 422 });
      expect(error.problems[0]).toMatchObject({ source: 'customMjml', line: 2 });
      expect(error.message).not.toContain('root:');
    });

    it('reports MJML errors with their line in the marketer source', async () => {
      const error = await refusal('<mj-section>\n  <mj-column>\n    <mj-text>ok</mj-text>\n    <mj-bogus>no</mj-bogus>\n    <mj-text colour="red">x</mj-text>\n  </mj-column>\n</mj-section>');
      expect(error).toMatchObject({ code: 'mjml_invalid', status: 422 });
      expect(error.problems).toEqual([
        expect.objectContaining({ source: 'customMjml', line: 4, message: expect.stringContaining('mj-bogus') }),
        expect.objectContaining({ source: 'customMjml', line: 5, message: expect.stringContaining('colour') }),
      ]);
      expect(error.message).toContain('customMjml line 4');
    });

    it('reports an unclosed tag with its line', async () => {
      const error = await refusal('<mj-section>\n  <mj-column>\n    <mj-text>ok</mj-text>\n</mj-section>');
      expect(error.problems[0]).toMatchObject({ source: 'customMjml', line: 4 });
    });

    it('reports lines of a full <mjml> document in its own terms', async () => {
      const error = await refusal('<mjml>\n<mj-body>\n<mj-section>\n<mj-column>\n<mj-bogus />\n</mj-column>\n</mj-section>\n</mj-body>\n</mjml>');
      expect(error.problems[0]).toMatchObject({ source: 'customMjml', line: 5 });
    });

    it('refuses broken expressions and helpers outside the whitelist, with lines', async () => {
      const broken = await refusal('<mj-section><mj-column>\n<mj-text>{{#if subscriber.name}}x</mj-text>\n</mj-column></mj-section>');
      expect(broken).toMatchObject({ code: 'handlebars_invalid', status: 422 });
      const unknown = await refusal('<mj-section><mj-column>\n\n<mj-text>{{exec "rm -rf /"}}</mj-text>\n</mj-column></mj-section>');
      expect(unknown).toMatchObject({ code: 'unknown_helper' });
      expect(unknown.problems[0]).toMatchObject({ line: 3, message: expect.stringContaining('"exec"') });
      expect((await refusal('<mj-section><mj-column><mj-text>{{> greeting}}</mj-text></mj-column></mj-section>')).code).toBe('unknown_helper');
    });

    it('refuses MJML over the size cap', async () => {
      const error = await refusal(`<mj-section><mj-column><mj-text>${'x'.repeat(600 * 1024)}</mj-text></mj-column></mj-section>`);
      expect(error.code).toBe('template_too_large');
    });
  });

  it('compiles the double opt-in mail without tracking', async () => {
    const { service } = setup();
    const compiled = await service.compileConfirmation({ listName: 'Tea lovers', locale: 'en' });
    const message = service.render(compiled, ann, { confirmUrl: `${BASE}/confirm/abc?x=1&y=2` });
    expect(message.subject).toBe('Please confirm your subscription to Tea lovers');
    expect(hrefs(message.html).map(decodeEntities)).toEqual([`${BASE}/confirm/abc?x=1&y=2`]);
    expect(message.html).not.toContain('/o/');
    expect(message.text).toContain(`Yes, subscribe me [${BASE}/confirm/abc?x=1&y=2]`);
  });

  it('writes the double opt-in mail in the subscriber\'s language, the default when it has no texts', async () => {
    const { service } = setup();
    const dutch = service.render(await service.compileConfirmation({ listName: 'Theeliefhebbers', locale: 'nl' }), ann, { confirmUrl: `${BASE}/confirm/abc` });
    expect(dutch.subject).toBe('Bevestig je aanmelding voor Theeliefhebbers');
    expect(dutch.text).toContain('Hoi Ann,');
    expect(dutch.text).toContain('e-mails van valuemail wilt ontvangen op ann@example.com?');
    expect(dutch.text).toContain(`Ja, meld me aan [${BASE}/confirm/abc]`);
    const german = service.render(await service.compileConfirmation({ listName: 'Teefreunde', locale: 'de' }), ann, { confirmUrl: `${BASE}/confirm/abc` });
    expect(german.subject).toBe('Please confirm your subscription to Teefreunde');
  });
});
