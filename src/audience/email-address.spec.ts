import { emailHash, normaliseEmail } from './email-address';

describe('normaliseEmail', () => {
  it('trims and lower-cases the domain only', () => {
    expect(normaliseEmail('  Anna.Jansen@Example.NL ')).toBe('Anna.Jansen@example.nl');
  });
  it.each([
    '',
    'plain',
    '@example.com',
    'a@b',
    'a..b@example.com',
    'a@-example.com',
    'a b@example.com',
    `${'x'.repeat(65)}@example.com`,
  ])('rejects %p', (raw) => expect(normaliseEmail(raw)).toBeUndefined());
  it('hashes case-insensitively for suppression', () => {
    expect(emailHash('Anna@Example.nl')).toBe(emailHash('anna@example.nl'));
    expect(emailHash('anna@example.nl')).toMatch(/^[0-9a-f]{64}$/);
  });
});
