import { AudienceException } from '../audience.exception';
import { guessMapping, parseMapping, resolveMapping } from './import-mapping';

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
    expect(resolveMapping(mapping, [' Naam', 'E-mail ', 'Stad'])).toEqual({ columns: 3, email: 1, name: 0, externalId: undefined, locale: undefined, attributes: [['city', 2]] });
  });

  it('refuses bad mappings with the field at fault', () => {
    expect(messageOf(() => parseMapping('{email:'))).toMatch(/mapping must be JSON/);
    expect(messageOf(() => parseMapping('{"name":"Naam"}'))).toBe('mapping.email must name the column that holds the email address');
    expect(messageOf(() => parseMapping('{"email":"E","phone":"T"}'))).toMatch(/unknown field "phone"/);
    expect(messageOf(() => parseMapping('{"email":"E","attributes":{"ci ty":"Stad"}}'))).toMatch(/invalid attribute name "ci ty"/);
    expect(messageOf(() => resolveMapping({ email: 'Mail' }, ['email']))).toBe('mapping.email: column "Mail" is not in the header (email)');
  });

  it('guesses email, name and attributes from common Dutch and English headers', () => {
    expect(guessMapping(['E-mailadres', 'Naam', 'Woon plaats', 'Plan'])).toEqual({ email: 'E-mailadres', name: 'Naam', attributes: { woon_plaats: 'Woon plaats', plan: 'Plan' } });
    expect(messageOf(() => guessMapping(['naam', 'stad']))).toMatch(/no email column/);
  });
});
