import { acceptedLocales, resolveLocale, supportedLocale } from './locale';
import { translatorFor } from './translator';

describe('supportedLocale', () => {
  it.each([
    ['nl', 'nl'],
    ['nl-BE', 'nl-BE'],
    ['nl-be', 'nl-BE'],
    ['en_GB', 'en-GB'],
    ['EN', 'en'],
  ])('%s → %s', (tag, expected) => expect(supportedLocale(tag)).toBe(expected));

  it.each(['de', 'fr-FR', '', 'not a tag', 'x'.repeat(40)])('refuses %j', (tag) =>
    expect(supportedLocale(tag)).toBeUndefined(),
  );
});

describe('acceptedLocales', () => {
  it('orders by q-value, keeps only languages with texts and drops q=0', () => {
    expect(acceptedLocales('de-DE,de;q=0.9,nl;q=0.8,en;q=0.7')).toEqual(['nl', 'en']);
    expect(acceptedLocales('en;q=0.5, nl-BE')).toEqual(['nl-BE', 'en']);
    expect(acceptedLocales('nl;q=0, en')).toEqual(['en']);
    expect(acceptedLocales('*')).toEqual([]);
    expect(acceptedLocales(undefined)).toEqual([]);
  });

  it('keeps the header order for equal q-values', () => {
    expect(acceptedLocales('en, nl')).toEqual(['en', 'nl']);
  });
});

describe('resolveLocale: one precedence for mail and pages', () => {
  it('lets a campaign decide alone, even against the subscriber and the browser', () => {
    expect(resolveLocale({ campaign: 'en', subscriber: 'nl', acceptLanguage: 'nl' }, 'nl')).toBe('en');
    expect(resolveLocale({ campaign: 'nl-BE', subscriber: 'en' }, 'en')).toBe('nl-BE');
  });

  it('falls back to the default for a campaign locale without texts (not to the subscriber)', () => {
    expect(resolveLocale({ campaign: 'de', subscriber: 'nl' }, 'en')).toBe('en');
  });

  it('without a campaign: the subscriber, then the browser, then the default', () => {
    expect(resolveLocale({ subscriber: 'nl', acceptLanguage: 'en' }, 'en')).toBe('nl');
    expect(resolveLocale({ subscriber: 'de', acceptLanguage: 'fr, nl;q=0.5' }, 'en')).toBe('nl');
    expect(resolveLocale({ acceptLanguage: 'fr' }, 'nl')).toBe('nl');
    expect(resolveLocale({}, 'en')).toBe('en');
  });
});

describe('Translator', () => {
  it('fills placeholders and formats numbers for the locale', () => {
    expect(translatorFor('nl').t('page.loyalty.balance', { points: 1250 })).toBe('Je saldo is nu 1.250 punten.');
    expect(translatorFor('en').t('page.loyalty.balance', { points: 1250 })).toBe('Your balance is now 1,250 points.');
  });

  it('picks the plural form by count', () => {
    const nl = translatorFor('nl');
    expect(nl.plural('mail.loyalty.points', 1)).toBe('1 punt');
    expect(nl.plural('mail.loyalty.points', 0)).toBe('0 punten');
    expect(translatorFor('en').plural('mail.loyalty.points', 2500)).toBe('2,500 points');
  });

  it('escapes the message but not the HTML given as a parameter', () => {
    expect(translatorFor('en').html('page.confirm.done.body', { list: '<strong>Tea &amp; more</strong>' })).toBe(
      'You are now subscribed to <strong>Tea &amp; more</strong>.',
    );
  });

  it('refuses an unknown key from a template', () => {
    expect(() => translatorFor('en').message('mail.nope')).toThrow('unknown message key "mail.nope"');
    expect(translatorFor('nl').message('mail.contest.referral', { count: 2 })).toContain('2 extra kansen');
  });

  it('formats a moment in the given time zone, naming it', () => {
    const text = translatorFor('nl').format.dateTime('2030-03-05T09:30:00Z', 'Europe/Amsterdam');
    expect(text).toContain('5 maart 2030');
    expect(text).toContain('10:30');
  });
});
