import { AudienceException } from '../audience.exception';
import { attributesFromJson, guessMapping, parseMapping, resolveMapping } from './import-mapping';

const messageOf = (run: () => unknown): string => {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(AudienceException);
    return (e as AudienceException).message;
  }
  throw new Error('expected a refusal');
};

describe('import mapping', () => {
  it('parses a JSON mapping and resolves it to column indexes (headers trimmed)', () => {
    const mapping = parseMapping('{"email":"E-mail","name":"Naam","attributes":{"city":"Stad"}}')!;
    expect(resolveMapping(mapping, [' Naam', 'E-mail ', 'Stad'])).toEqual({
      columns: 3,
      email: 1,
      name: 0,
      nameFrom: [],
      externalId: undefined,
      locale: undefined,
      attributes: [['city', 2]],
    });
  });

  it('refuses bad mappings with the field at fault', () => {
    expect(messageOf(() => parseMapping('{email:'))).toMatch(/mapping must be JSON/);
    expect(messageOf(() => parseMapping('{"name":"Naam"}'))).toBe(
      'mapping.email must name the column that holds the email address',
    );
    expect(messageOf(() => parseMapping('{"email":"E","phone":"T"}'))).toMatch(/unknown field "phone"/);
    expect(messageOf(() => parseMapping('{"email":"E","attributes":{"ci ty":"Stad"}}'))).toMatch(
      /invalid attribute name "ci ty"/,
    );
    expect(messageOf(() => resolveMapping({ email: 'Mail' }, ['email']))).toBe(
      'mapping.email: column "Mail" is not in the header (email)',
    );
  });

  it('guesses email, name and attributes from common Dutch and English headers', () => {
    expect(guessMapping(['E-mailadres', 'Naam', 'Woon plaats', 'Plan'])).toEqual({
      email: 'E-mailadres',
      name: 'Naam',
      attributes: { Woon_plaats: 'Woon plaats', Plan: 'Plan' },
    });
    expect(messageOf(() => guessMapping(['naam', 'stad']))).toMatch(/no email column/);
  });

  it('reads MailerLite\'s "Name" beside "Last name" as the first name', () => {
    expect(guessMapping(['Subscriber', 'Name', 'Last name', 'Téléphone'])).toMatchObject({
      email: 'Subscriber',
      firstName: 'Name',
      lastName: 'Last name',
      nameFrom: ['Name', 'Last name'],
      attributes: { Telephone: 'Téléphone' },
    });
  });

  it.each([
    [
      'Mailchimp',
      ['Email Address', 'First Name', 'Last Name', 'Address', 'MEMBER_RATING'],
      'Email Address',
      ['First Name', 'Last Name'],
    ],
    [
      'Dutch',
      ['E-mailadres', 'Voornaam', 'Tussenvoegsel', 'Achternaam'],
      'E-mailadres',
      ['Voornaam', 'Tussenvoegsel', 'Achternaam'],
    ],
    ['Brevo/Sendinblue', ['EMAIL', 'FIRSTNAME', 'LASTNAME', 'SMS'], 'EMAIL', ['FIRSTNAME', 'LASTNAME']],
    [
      'HubSpot',
      ['Record ID', 'First Name', 'Last Name', 'Email', 'Preferred language'],
      'Email',
      ['First Name', 'Last Name'],
    ],
  ])(
    'recognises a %s export: email, first and last name, which also make up the name',
    (_, header, email, nameFrom) => {
      const m = guessMapping(header);
      expect(m).toMatchObject({ email, nameFrom, firstName: nameFrom[0], lastName: nameFrom[nameFrom.length - 1] });
      expect(m.name).toBeUndefined();
      expect(Object.values(m.attributes!)).not.toContain(email);
      expect(Object.values(m.attributes!)).not.toContain(m.firstName);
    },
  );

  it('takes HubSpot ids and languages as such, and a name column over first + last name', () => {
    expect(guessMapping(['Record ID', 'Email', 'Preferred language'])).toMatchObject({
      externalId: 'Record ID',
      locale: 'Preferred language',
      attributes: {},
    });
    const m = guessMapping(['email', 'name', 'Voornaam']);
    expect(m).toMatchObject({ email: 'email', name: 'name', firstName: 'Voornaam', attributes: {} });
    expect(m.nameFrom).toBeUndefined();
  });

  it('keeps attribute names as written and refuses two that differ only in case', () => {
    expect(guessMapping(['email', 'Stad', 'Café naam', ' Tijdzone ']).attributes).toEqual({
      Stad: 'Stad',
      Cafe_naam: 'Café naam',
    });
    expect(guessMapping(['email', 'Tijdzone', 'Zeitzone']).timezone).toBe('Tijdzone');
    expect(messageOf(() => guessMapping(['email', 'Stad', 'STAD']))).toMatch(
      /columns "Stad" and "STAD" would both be attribute "STAD"/,
    );
    expect(messageOf(() => parseMapping({ email: 'e', attributes: { Plan: 'a', plan: 'b' } }))).toMatch(
      /"Plan" and "plan" differ only in case/,
    );
  });

  it('resolves nameFrom to column indexes and refuses a bad one', () => {
    expect(resolveMapping({ email: 'e', nameFrom: ['v', 'a'] }, ['a', 'e', 'v']).nameFrom).toEqual([2, 0]);
    expect(messageOf(() => parseMapping('{"email":"e","nameFrom":"v"}'))).toMatch(/nameFrom must list column names/);
    expect(messageOf(() => resolveMapping({ email: 'e', nameFrom: ['x'] }, ['e']))).toMatch(/nameFrom.0: column "x"/);
  });

  it('reads a listmonk/Keila export: email, name and a JSON attributes column', () => {
    expect(guessMapping(['email', 'name', 'attributes'])).toEqual({
      email: 'email',
      name: 'name',
      attributes: {},
      attributesFrom: 'attributes',
    });
    expect(
      resolveMapping({ email: 'email', attributesFrom: 'attributes' }, ['attributes', 'email']).attributesFrom,
    ).toBe(0);
    expect(attributesFromJson('{"city":"Utrecht","age":42,"vip":true,"pets":["cat"],"bad key":1,"none":null}')).toEqual(
      { city: 'Utrecht', age: '42', vip: 'true', pets: '["cat"]' },
    );
    expect(attributesFromJson('')).toEqual({});
    expect(attributesFromJson('[1]')).toBeUndefined();
    expect(attributesFromJson('{city:')).toBeUndefined();
  });
});
