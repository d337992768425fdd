import { describe, expect, it } from 'vitest';
import { decodeCsvHead, guessColumns, parseCsv, previewCsv, toMapping } from './csv-preview';

describe('previewCsv', () => {
  it('sniffs semicolons and reads quoted fields with delimiters, quotes and newlines', () => {
    const text =
      '\uFEFFE-mail;Naam;Stad\r\nanna@example.nl;"de Vries; Anna";Utrecht\r\n"bram@example.nl";"Bram ""B"" Jansen";"Den\nHaag"\r\n';
    const p = previewCsv(text);
    expect(p.delimiter).toBe(';');
    expect(p.header).toEqual(['E-mail', 'Naam', 'Stad']);
    expect(p.rows).toEqual([
      ['anna@example.nl', 'de Vries; Anna', 'Utrecht'],
      ['bram@example.nl', 'Bram "B" Jansen', 'Den\nHaag'],
    ]);
  });

  it('reads a Windows-1252 ";" file and a tab-separated UTF-16 file as the server does', () => {
    const win1252 = Uint8Array.from([...new TextEncoder().encode('E-mail;Naam\r\nj@x.nl;Jos'), 0xe9, 0x0d, 0x0a]);
    expect(previewCsv(decodeCsvHead(win1252))).toEqual({
      delimiter: ';',
      header: ['E-mail', 'Naam'],
      rows: [['j@x.nl', 'José']],
    });
    const utf16 = Uint8Array.from([
      0xff,
      0xfe,
      ...new Uint8Array(new Uint16Array([...'email\tname\nz@x.nl\tZoë'].map((c) => c.charCodeAt(0))).buffer),
    ]);
    expect(previewCsv(decodeCsvHead(utf16))).toEqual({
      delimiter: '\t',
      header: ['email', 'name'],
      rows: [['z@x.nl', 'Zoë']],
    });
  });

  it('re-decodes in a chosen encoding: ISO-8859-15 reads 0xA4 as €', () => {
    const bytes = Uint8Array.from([0x4a, 0x6f, 0x73, 0xe9, 0x20, 0xa4]);
    expect(decodeCsvHead(bytes)).toBe('José ¤');
    expect(decodeCsvHead(bytes, false, 'iso-8859-15')).toBe('José €');
  });

  it('drops the last record of a file cut at the preview limit', () => {
    expect(parseCsv('email\na@x.nl\nb@x', ',', true)).toEqual([['email'], ['a@x.nl']]);
    expect(parseCsv('email\na@x.nl\nb@x', ',', false)).toEqual([['email'], ['a@x.nl'], ['b@x']]);
  });
});

describe('guessColumns and toMapping', () => {
  it("reads a listmonk export's JSON attributes column as attributes, as the server does", () => {
    expect(toMapping(guessColumns(['email', 'name', 'attributes'])).mapping).toEqual({
      email: 'email',
      name: 'name',
      attributes: {},
      attributesFrom: 'attributes',
    });
  });

  it('recognises a Mailchimp export: first and last name fields that also make up the name, as the server does', () => {
    const columns = guessColumns(['Email Address', 'First Name', 'Last Name', 'MEMBER_RATING', 'Tijdzone']);
    expect(toMapping(columns).mapping).toEqual({
      email: 'Email Address',
      firstName: 'First Name',
      lastName: 'Last Name',
      nameFrom: ['First Name', 'Last Name'],
      timezone: 'Tijdzone',
      attributes: { MEMBER_RATING: 'MEMBER_RATING' },
    });
  });

  it('reads MailerLite\'s "Subscriber" as the address and "Name" beside "Last name" as the first name', () => {
    expect(toMapping(guessColumns(['Subscriber', 'Name', 'Last name', 'Téléphone'])).mapping).toMatchObject({
      email: 'Subscriber',
      firstName: 'Name',
      lastName: 'Last name',
      attributes: { Telephone: 'Téléphone' },
    });
  });

  it('refuses two attributes that differ only in case', () => {
    const columns = guessColumns(['email', 'Stad', 'stad']);
    expect(toMapping(columns).problems).toEqual([{ key: 'import.problems.duplicateKey', values: { key: 'stad' } }]);
  });

  it('guesses like the server: email, name, the rest as attributes', () => {
    const columns = guessColumns(['E-mail', 'Naam', 'Woon plaats', 'klantnummer']);
    expect(columns.map((c) => [c.target, c.key])).toEqual([
      ['email', ''],
      ['name', ''],
      ['attribute', 'Woon_plaats'],
      ['externalId', ''],
    ]);
    expect(toMapping(columns)).toEqual({
      problems: [],
      mapping: { email: 'E-mail', name: 'Naam', externalId: 'klantnummer', attributes: { Woon_plaats: 'Woon plaats' } },
    });
  });

  it('names what is wrong: no email, two name columns, a bad attribute key', () => {
    const result = toMapping([
      { column: 'a', target: 'name', key: '' },
      { column: 'b', target: 'name', key: '' },
      { column: 'c', target: 'attribute', key: 'city!' },
    ]);
    expect(result.mapping).toBeUndefined();
    expect(result.problems.map((p) => p.key)).toEqual([
      'import.problems.noEmail',
      'import.problems.twice',
      'import.problems.badKey',
    ]);
  });
});
