import request from 'supertest';
import { sampleContent } from '../src/kinds/kind-content.registry';
import { decodeEntities } from '../src/templates/link-rewriter';
import { createAudience } from './support/fixtures';
import {
  actAsPerson,
  forge,
  formAction,
  holdClock,
  linksIn,
  postForm,
  sendKindCampaign,
  tokenOf,
} from './support/kinds';
import { startTestApp, TestApp } from './support/test-app';

const DUTCH_POLL = {
  question: 'Hoe waarschijnlijk is het dat je Groen Blad Thee aanraadt aan een vriend?',
  type: 'nps',
  commentPrompt: 'Wat is de belangrijkste reden voor je score?',
};
const DUTCH_BROWSER = 'nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7';
const ENGLISH_BROWSER = 'en-US,en;q=0.9';

const langOf = (html: string): string | undefined => /<html[^>]*\blang="([^"]+)"/.exec(html)?.[1];

describe('languages: mail and public pages in English and Dutch', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_TICK_MS: '200' } });
  });
  afterAll(async () => {
    await t.close();
  });

  const mailTo = (email: string) => {
    const mails = t.sink.to(email);
    if (mails.length !== 1) throw new Error(`expected one mail to ${email}, got ${mails.length}`);
    return {
      html: String(mails[0].parsed.html),
      text: String(mails[0].parsed.text),
      subject: String(mails[0].parsed.subject),
    };
  };
  const page = (path: string, acceptLanguage?: string) => {
    const get = t.http().get(path);
    return acceptLanguage ? get.set('Accept-Language', acceptLanguage) : get;
  };

  it('sends a Dutch campaign in Dutch, HTML and text part, and its links open Dutch pages whatever the browser prefers', async () => {
    const audience = await createAudience(t, 1, { listName: 'Klanten' });
    await sendKindCampaign(t, 'poll', DUTCH_POLL, audience.listId, {
      locale: 'nl',
      subject: 'Eén vraag, {{subscriber.name}}',
    });
    const mail = mailTo(audience.emails[0]);
    expect(mail.subject).toBe('Eén vraag, Klant 0');
    expect(langOf(mail.html)).toBe('nl');
    for (const part of [decodeEntities(mail.html), mail.text]) {
      expect(part).toContain('Hoi Klant 0,');
      expect(part).toContain('Bekijk deze e-mail in je browser');
      expect(part).toContain('0 = helemaal niet waarschijnlijk, 10 = zeer waarschijnlijk');
      expect(part).toContain('Eén klik en je antwoord is binnen.');
      expect(part).toContain('Je ontvangt deze e-mail omdat je je hebt aangemeld');
      expect(part).not.toContain('Unsubscribe');
      expect(part).not.toContain('Hi Klant');
    }
    expect(mail.text).toContain(`Afmelden [${t.baseUrl}/u/`);
    expect(mail.text).toContain(`E-mailvoorkeuren [${t.baseUrl}/m/`);

    // The poll link, opened by a browser that prefers English: the page follows the campaign.
    const nine = linksIn(t, mail.html, 'p').find((l) => l.endsWith('/9'))!;
    const [thanks] = await actAsPerson(t, [nine], { 'Accept-Language': ENGLISH_BROWSER });
    expect(langOf(thanks.text)).toBe('nl');
    expect(thanks.text).toContain('Bedankt voor je antwoord!');
    expect(thanks.text).toContain('Je antwoord is genoteerd: 9.');
    expect(thanks.text).toContain('Van gedachten veranderd? Klik dan op een ander antwoord in de e-mail.');
    expect(thanks.text).toContain('Wat is de belangrijkste reden voor je score?');
    expect(thanks.text).toContain('Verstuur je reactie');
    const commented = await postForm(t, formAction(thanks.text), { comment: 'Lekkere thee!' }).expect(200);
    expect(commented.text).toContain('Fijn dat je de tijd hebt genomen!');

    // View in browser shows the same Dutch message.
    const [view] = linksIn(t, mail.html, 'v');
    const viewed = await page(view, ENGLISH_BROWSER).expect(200);
    expect(viewed.text).toContain('Hoi Klant 0,');
    expect(viewed.text).toContain('Afmelden');

    // Unsubscribe: the preferences page and its answer in Dutch.
    const [unsubscribe] = linksIn(t, mail.html, 'u');
    const preferences = await page(unsubscribe, ENGLISH_BROWSER).expect(200);
    expect(langOf(preferences.text)).toBe('nl');
    expect(preferences.text).toContain('Beheer je aanmelding');
    expect(preferences.text).toContain('Afmelden voor Klanten');
    expect(preferences.text).toContain('Afmelden voor alle e-mail');
    const done = await postForm(t, unsubscribe, { all: '1' }).expect(200);
    expect(done.text).toContain('Je bent afgemeld');
    expect(done.text).toContain('Je ontvangt geen e-mails meer van ons.');
    expect((await t.api().get(`/api/subscribers/${audience.subscriberIds[0]}`).expect(200)).body.status).toBe(
      'unsubscribed',
    );
  });

  it('claims a gift of a Dutch campaign on Dutch pages; a yes/no answer is "Ja"', async () => {
    const audience = await createAudience(t, 1);
    const gift = {
      title: 'Een blik wintermelange',
      description: 'Je bent al een jaar klant: dit blik is van ons.',
      giftType: 'code',
      stock: 1500,
      claimDeadline: '2031-12-24T23:00:00Z',
    };
    await sendKindCampaign(t, 'gift', gift, audience.listId, { locale: 'nl' });
    const mail = mailTo(audience.emails[0]);
    expect(mail.text).toContain('Bekijk je cadeaucode [');
    // Numbers and dates formatted the Dutch way.
    expect(mail.text).toContain(
      'Eén per persoon, zolang de voorraad strekt (1.500 stuks). Claim je cadeau uiterlijk 24 december 2031.',
    );
    const [claimLink] = linksIn(t, mail.html, 'g');
    const shown = await page(claimLink).expect(200);
    expect(langOf(shown.text)).toBe('nl');
    expect(shown.text).toContain('<button type="submit">Claim mijn cadeau</button>');
    const claimed = await postForm(t, formAction(shown.text)).expect(200);
    expect(claimed.text).toContain('Je cadeau is geclaimd. Veel plezier ermee!');
    expect(claimed.text).toMatch(/GIFT-[A-Z0-9]{4}/);
    expect((await page(claimLink).expect(200)).text).toContain('Je hebt dit cadeau al geclaimd.');

    const voters = await createAudience(t, 1);
    await sendKindCampaign(
      t,
      'poll',
      { question: 'Heb je onze nieuwe thee al geproefd?', type: 'yesno' },
      voters.listId,
      { locale: 'nl' },
    );
    const yesNo = mailTo(voters.emails[0]);
    expect(yesNo.text).toMatch(/Ja \[.*\/p\/[\w-]+\/yes\]/);
    expect(yesNo.text).toMatch(/Nee \[.*\/p\/[\w-]+\/no\]/);
    const yes = linksIn(t, yesNo.html, 'p').find((l) => l.endsWith('/yes'))!;
    expect((await page(yes).expect(200)).text).toContain('Je antwoord is genoteerd: Ja.');
  });

  it("keeps an English campaign English for a Dutch subscriber; the subscriber's own double opt-in is Dutch", async () => {
    const audience = await createAudience(t, 1, { listName: 'News' });
    const subscriberId = audience.subscriberIds[0];
    await t.api().patch(`/api/subscribers/${subscriberId}`).send({ locale: 'nl' }).expect(200);
    await sendKindCampaign(t, 'poll', sampleContent('poll'), audience.listId);
    const mail = mailTo(audience.emails[0]);
    expect(langOf(mail.html)).toBe('en');
    expect(mail.text).toContain('Hi Klant 0,');
    expect(mail.text).toContain(`Unsubscribe [${t.baseUrl}/u/`);
    expect(mail.text).not.toContain('Afmelden');
    // The campaign's content is English, so its pages are too, even for a Dutch browser.
    const nine = linksIn(t, mail.html, 'p').find((l) => l.endsWith('/9'))!;
    const shown = await page(nine, DUTCH_BROWSER).expect(200);
    expect(langOf(shown.text)).toBe('en');
    expect(shown.text).toContain('We recorded your answer: 9');
    const [unsubscribe] = linksIn(t, mail.html, 'u');
    expect((await page(unsubscribe, DUTCH_BROWSER).expect(200)).text).toContain('Manage your subscription');

    // Mail about the subscriber alone (double opt-in) follows the subscriber.
    const list = (await t.api().post('/api/lists').send({ name: 'Theeclub', optIn: 'double' }).expect(201)).body;
    const before = t.sink.received.length;
    await t
      .api()
      .post(`/api/lists/${list.id}/members`)
      .send({ subscriberIds: [subscriberId] })
      .expect(200);
    const confirmation = (await t.sink.waitFor(before + 1))[before];
    expect(confirmation.parsed.subject).toBe('Bevestig je aanmelding voor Theeclub');
    expect(String(confirmation.parsed.text)).toContain('Hoi Klant 0,');
    expect(String(confirmation.parsed.text)).toContain(
      `e-mails van valuemail wilt ontvangen op ${audience.emails[0]}?`,
    );
    expect(String(confirmation.parsed.text)).toContain('Ja, meld me aan [');
    const confirmPath = new URL(
      /href="([^"]*\/public\/confirm\/[A-Za-z0-9_-]+)"/.exec(String(confirmation.parsed.html))![1],
    ).pathname;
    const confirmPage = await page(confirmPath, ENGLISH_BROWSER).expect(200);
    expect(langOf(confirmPage.text)).toBe('nl');
    expect(confirmPage.text).toContain('Wil je bevestigen dat je <strong>Theeclub</strong> wilt ontvangen?');
    const confirmed = await request(t.baseUrl).post(confirmPath).expect(200);
    expect(confirmed.text).toContain('Je bent nu aangemeld voor <strong>Theeclub</strong>.');
  });

  it("answers forged links in the browser's language and expired ones in the campaign's", async () => {
    const audience = await createAudience(t, 2);
    await sendKindCampaign(
      t,
      'poll',
      { ...DUTCH_POLL, closesAt: new Date(Date.now() + 60_000).toISOString() },
      audience.listId,
      { locale: 'nl' },
    );
    const mail = mailTo(audience.emails[0]);
    const link = linksIn(t, mail.html, 'p').find((l) => l.endsWith('/7'))!;
    const token = tokenOf(link);
    const forged = forge(token);

    for (const path of [
      `/p/${forged}/7`,
      `/g/${forged}`,
      `/c/${forged}`,
      `/l/${forged}`,
      `/t/${forged}`,
      `/s/${forged}/0`,
      `/u/${forged}`,
    ]) {
      const dutch = await page(path, DUTCH_BROWSER).expect(404);
      expect(langOf(dutch.text)).toBe('nl-NL');
      expect(dutch.text).toContain('Deze link werkt niet');
      const english = await page(path).expect(404);
      expect(langOf(english.text)).toBe('en');
      expect(english.text).toContain('This link does not work');
    }
    const redirect = await page(`/r/${forged}/0`, DUTCH_BROWSER).expect(404);
    expect(redirect.text).toContain('Heb je de link overgetypt? Controleer hem dan even en probeer het opnieuw.');
    expect((await page(`/v/${forged}`, DUTCH_BROWSER).expect(404)).text).toContain('Deze e-mail is niet beschikbaar');
    expect((await page(`/public/confirm/${forged}`, DUTCH_BROWSER).expect(200)).text).toContain(
      'Deze link is niet geldig',
    );
    // A one-click unsubscribe with a forged token changes nothing and says so.
    await request(t.baseUrl).post(`/u/${forged}`).type('form').send('List-Unsubscribe=One-Click').expect(404);

    // The genuine token once the poll closed (the app's clock 10 minutes on): the campaign is known, so Dutch even for an English browser.
    const clock = holdClock(t);
    try {
      const closed = await page(link, ENGLISH_BROWSER).expect(410);
      expect(langOf(closed.text)).toBe('nl');
      expect(closed.text).toContain('Deze peiling is gesloten');
      expect(closed.text).toContain('We verzamelen geen antwoorden meer.');
    } finally {
      clock.release();
    }
  });

  it('answers the public sign-up form in its language and keeps that language for the subscriber', async () => {
    const list = (
      await t.api().post('/api/lists').send({ name: 'Nieuwsbrief', optIn: 'double', publicForm: true }).expect(201)
    ).body;
    const form = (fields: string, acceptLanguage?: string) => {
      const post = request(t.baseUrl)
        .post(`/public/lists/${list.id}/subscribe`)
        .set('X-Forwarded-For', '198.51.100.9')
        .type('form');
      return (acceptLanguage ? post.set('Accept-Language', acceptLanguage) : post).send(fields);
    };
    const before = t.sink.received.length;
    const thanks = await form('email=fenna%40example.nl&name=Fenna&locale=nl', ENGLISH_BROWSER).expect(200);
    expect(langOf(thanks.text)).toBe('nl');
    expect(thanks.text).toContain(
      'Bedankt! Kijk even in je inbox: we hebben je een link gestuurd om je aanmelding te bevestigen.',
    );
    const confirmation = (await t.sink.waitFor(before + 1))
      .slice(before)
      .find((m) => m.envelopeTo.includes('fenna@example.nl'))!;
    expect(confirmation.parsed.subject).toBe('Bevestig je aanmelding voor Nieuwsbrief');
    const found = (await t.api().get('/api/subscribers').query({ q: 'fenna@example.nl' }).expect(200)).body;
    expect(found.items[0].locale).toBe('nl');

    // Without a locale field the browser decides; a mistake gets a page too, not JSON.
    const bad = await form('email=not-an-address', DUTCH_BROWSER).expect(400);
    expect(bad.headers['content-type']).toContain('text/html');
    expect(bad.text).toContain('Vul een geldig e-mailadres in.');
    const json = await request(t.baseUrl)
      .post(`/public/lists/${list.id}/subscribe`)
      .set('X-Forwarded-For', '198.51.100.9')
      .set('Accept-Language', DUTCH_BROWSER)
      .send({ email: 'joost@example.nl' })
      .expect(200);
    expect(json.body.message).toContain('Kijk even in je inbox');
  });
});

describe('languages: DEFAULT_LOCALE=nl', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_TICK_MS: '200', DEFAULT_LOCALE: 'nl' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('makes new campaigns and subscribers Dutch and answers a bare request in Dutch', async () => {
    const audience = await createAudience(t, 1);
    const created = await t
      .api()
      .post('/api/campaigns')
      .send({ kind: 'poll', name: 'x', subject: 'x', audience: { listIds: [audience.listId] }, content: DUTCH_POLL })
      .expect(201);
    expect(created.body.locale).toBe('nl');
    const subscriber = await t.api().post('/api/subscribers').send({ email: 'bram@example.nl' }).expect(201);
    expect(subscriber.body.locale).toBe('nl');
    const bare = await request(t.baseUrl).get('/p/not-a-token/1').expect(404);
    expect(langOf(bare.text)).toBe('nl');
    expect(bare.text).toContain('Deze link werkt niet');
    // A campaign may still be English, and a locale without texts is refused with a sentence.
    expect(
      (
        await t
          .api()
          .post('/api/campaigns')
          .send({
            kind: 'poll',
            name: 'y',
            subject: 'y',
            locale: 'en',
            audience: { listIds: [audience.listId] },
            content: sampleContent('poll'),
          })
          .expect(201)
      ).body.locale,
    ).toBe('en');
    const refused = await t
      .api()
      .post('/api/campaigns')
      .send({
        kind: 'poll',
        name: 'z',
        subject: 'z',
        locale: 'de',
        audience: { listIds: [audience.listId] },
        content: sampleContent('poll'),
      })
      .expect(400);
    expect(JSON.stringify(refused.body)).toContain('locale must be en or nl');
  });
});
