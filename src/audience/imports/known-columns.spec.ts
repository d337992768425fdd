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

  it('names attributes after the column, and first/last names after their role', () => {
    expect(attributeKeyOf('Woon plaats')).toBe('woon_plaats');
    expect(attributeKeyOf('Voornaam')).toBe('firstName');
    expect(attributeKeyOf('LASTNAME')).toBe('lastName');
    expect(attributeKeyOf('Téléphone')).toBe('telephone');
    expect(attributeKeyOf('Straße')).toBe('strasse');
  });
});
