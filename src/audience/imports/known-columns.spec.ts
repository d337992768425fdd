import { attributeKeyOf, knownColumn } from './known-columns';

describe('knownColumn', () => {
  it.each([
    ['Email Address', 'email'],
    ['E-mailadres', 'email'],
    [' EMAIL ', 'email'],
    ['e_mail', 'email'],
    ['First Name', 'firstName'],
    ['FNAME', 'firstName'],
    ['Voornaam', 'firstName'],
    ['Prénom', 'firstName'],
    ['Achternaam', 'lastName'],
    ['last-name', 'lastName'],
    ['Naam', 'name'],
    ['Record ID', 'externalId'],
    ['Taal', 'locale'],
    ['Stad', undefined],
    ['attributes', 'attributesJson'],
    ['Data', undefined],
    ['E-Mail-Adresse', 'email'],
    ['E-mail-adresse', 'email'],
    ['Adresse e-mail', 'email'],
    ['Subscriber', 'email'],
    ['Nom de famille', 'lastName'],
    ['PRÉNOM', 'firstName'],
    ['Nachname', 'lastName'],
  ])('%j → %j', (header, role) => expect(knownColumn(header)).toBe(role));

  it('names attributes after the column as written, and the middle name after its role', () => {
    expect(attributeKeyOf('Woon plaats')).toBe('Woon_plaats');
    expect(attributeKeyOf('  Stad ')).toBe('Stad');
    expect(attributeKeyOf('Café')).toBe('Cafe');
    expect(attributeKeyOf('Téléphone')).toBe('Telephone');
    expect(attributeKeyOf('Straße')).toBe('Strasse');
    expect(attributeKeyOf('Tussenvoegsel')).toBe('middleName');
    expect(attributeKeyOf('x'.repeat(80))).toHaveLength(64);
  });

  it('knows timezone columns in four languages', () => {
    for (const h of ['Timezone', 'Tijdzone', 'Zeitzone', 'Fuseau horaire']) expect(knownColumn(h)).toBe('timezone');
  });
});
