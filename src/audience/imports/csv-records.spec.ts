import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsvItem, readCsv, sniffDialect } from './csv-records';

describe('readCsv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'csv-records-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const read = async (name: string, content: Buffer | string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    const items: CsvItem[] = [];
    for await (const item of readCsv(path, await sniffDialect(path))) items.push(item);
    return items.map((i) => (i.kind === 'record' ? [i.line, i.fields] : [i.line, 'broken']));
  };

  it('handles BOM, ";" separators, CRLF, quoted separators and quoted line breaks, blank lines, with true line numbers', async () => {
    const csv = Buffer.concat([
      Buffer.from(
        '\uFEFFE-mail;Naam;Stad\r\n"anna@example.nl";"de Vries; Anna";Utrecht\r\n"bram@example.nl";"Bram\r\nJansen";Gouda\r\n\r\n',
      ),
      Buffer.from([0x63, 0xff, 0x40, 0x78, 0x2e, 0x6e, 0x6c, 0x3b, 0x3b, 0x0d, 0x0a]),
      Buffer.from('dirk@example.nl;Dirk;Delft\r\n'),
    ]);
    expect(await read('a.csv', csv)).toEqual([
      [1, ['E-mail', 'Naam', 'Stad']],
      [2, ['anna@example.nl', 'de Vries; Anna', 'Utrecht']],
      [3, ['bram@example.nl', 'Bram\r\nJansen', 'Gouda']],
      [6, ['c\uFFFD@x.nl', '', '']],
      [7, ['dirk@example.nl', 'Dirk', 'Delft']],
    ]);
  });

  it('reports an unclosed quote as a broken record and keeps the rows before it', async () => {
    expect(await read('b.csv', 'email,name\na@example.nl,A\n"b@example.nl,B\n')).toEqual([
      [1, ['email', 'name']],
      [2, ['a@example.nl', 'A']],
      [3, 'broken'],
    ]);
  });

  it('reads a Windows-1252 ";" file from Dutch Excel, even when the first non-ASCII byte is past the first 64 KB', async () => {
    const filler = 'x@example.nl;Xander;Ede\r\n'.repeat(4000);
    const csv = Buffer.concat([
      Buffer.from(`E-mail;Naam;Stad\r\n${filler}`),
      Buffer.from([0x6a, 0x40, 0x78, 0x2e, 0x6e, 0x6c, 0x3b, 0x4a, 0x6f, 0x73, 0xe9, 0x3b, 0x80, 0x0d, 0x0a]),
    ]);
    const items = await read('c.csv', csv);
    expect(items[0]).toEqual([1, ['E-mail', 'Naam', 'Stad']]);
    expect(items).toHaveLength(4002);
    expect(items[4001]).toEqual([4002, ['j@x.nl', 'José', '€']]);
  });

  it('reads Excel "Unicode text": UTF-16 LE with a byte-order mark, tab-separated', async () => {
    const text = 'Email Address\tFirst Name\r\nzoe@example.nl\tZoë\r\n';
    const csv = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(await read('d.txt', csv)).toEqual([
      [1, ['Email Address', 'First Name']],
      [2, ['zoe@example.nl', 'Zoë']],
    ]);
  });
});
