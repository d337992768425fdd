import { describe, expect, it } from 'vitest';
import { guessColumns, parseCsv, previewCsv, toMapping } from './csv-preview';

describe('previewCsv', () => {
  it('sniffs semicolons and reads quoted fields with delimiters, quotes and newlines', () => {
    const text = '\uFEFFE-mail;Naam;Stad\r\nanna@example.nl;"de Vries; Anna";Utrecht\r\n"bram@example.nl";"Bram ""B"" Jansen";"Den\nHaag"\r\n';
    const p = previewCsv(text);
    expect(p.delimiter).toBe(';');
    expect(p.header).toEqual(['E-mail', 'Naam', 'Stad']);
    expect(p.rows).toEqual([
      ['anna@example.nl', 'de Vries; Anna', 'Utrecht'],
      ['bram@example.nl', 'Bram "B" Jansen', 'Den\nHaag'],
    ]);
  });

  it('drops the last record of a file cut at the preview limit', () => {
    expect(parseCsv('email\na@x.nl\nb@x', ',', true)).toEqual([['email'], ['a@x.nl']]);
    expect(parseCsv('email\na@x.nl\nb@x', ',', false)).toEqual([['email'], ['a@x.nl'], ['b@x']]);
  });
});

describe('guessColumns and toMapping', () => {
  it('guesses like the server: email, name, the rest as attributes', () => {
    const columns = guessColumns(['E-mail', 'Naam', 'Woon plaats', 'klantnummer']);
    expect(columns.map((c) => [c.target, c.key])).toEqual([
      ['email', ''],
      ['name', ''],
      ['attribute', 'woon_plaats'],
      ['externalId', ''],
    ]);
    expect(toMapping(columns)).toEqual({
      problems: [],
      mapping: { email: 'E-mail', name: 'Naam', externalId: 'klantnummer', attributes: { woon_plaats: 'Woon plaats' } },
    });
  });

  it('names what is wrong: no email, two name columns, a bad attribute key', () => {
    const result = toMapping([
      { column: 'a', target: 'name', key: '' },
      { column: 'b', target: 'name', key: '' },
      { column: 'c', target: 'attribute', key: 'city!' },
    ]);
    expect(result.mapping).toBeUndefined();
    expect(result.problems.map((p) => p.key)).toEqual(['import.problems.noEmail', 'import.problems.twice', 'import.problems.badKey']);
  });
});
