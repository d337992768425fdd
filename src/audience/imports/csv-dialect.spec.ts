import { decode } from 'iconv-lite';
import { detectDelimiter, detectEncoding, parseCsvEncoding, Utf8Check } from './csv-dialect';

describe('detectDelimiter', () => {
  it.each([
    ['email,name,city', ','],
    ['E-mail;Naam;Stad', ';'],
    ['\uFEFFE-mail;Naam;Stad', ';'],
    ['"Achternaam, voornaam";E-mail;Stad', ';'],
    ['"a;b";"c;d",e,f', ','],
    ['email', ','],
    ['Email\tFirst Name\tLast Name', '\t'],
    ['"a,b"\tc\td', '\t'],
    ['a;b\r\n1,2,3,4', ';'],
    ['email|naam|stad', '|'],
    ['"a|b",c,d', ','],
  ])('%j → %j', (line, expected) => expect(detectDelimiter(line)).toBe(expected));
});

describe('detectEncoding', () => {
  const win1252 = Uint8Array.from([0x4a, 0x6f, 0x73, 0xe9, 0x3b, 0x80]); // "José;€"

  it('takes bytes that are not UTF-8 as Windows-1252 and decodes them', () => {
    expect(detectEncoding(win1252)).toBe('windows-1252');
    expect(decode(Buffer.from(win1252), 'windows-1252')).toBe('José;€');
  });

  it('reads UTF-8 with or without a byte-order mark', () => {
    const plain = new TextEncoder().encode('José;Zoë');
    expect(detectEncoding(plain)).toBe('utf-8');
    expect(detectEncoding(Uint8Array.from([0xef, 0xbb, 0xbf, 0xe9]))).toBe('utf-8');
  });

  it('reads UTF-16 LE and BE with a byte-order mark (Excel "Unicode text")', () => {
    const le = Uint8Array.from([0xff, 0xfe, 0x4a, 0, 0xe9, 0, 0x09, 0]);
    const be = Uint8Array.from([0xfe, 0xff, 0, 0x4a, 0, 0xe9, 0, 0x09]);
    expect(detectEncoding(le)).toBe('utf-16le');
    expect(decode(Buffer.from(le), 'utf-16le', { stripBOM: true })).toBe('Jé\t');
    expect(detectEncoding(be)).toBe('utf-16be');
    expect(decode(Buffer.from(be), 'utf-16be', { stripBOM: true })).toBe('Jé\t');
  });

  it('reads UTF-16 without a byte-order mark by its NUL bytes', () => {
    const text = 'email\tname\r\nzoe@example.nl\tZoë\r\n';
    expect(detectEncoding(Buffer.from(text, 'utf16le'))).toBe('utf-16le');
    expect(detectEncoding(Buffer.from(text, 'utf16le').swap16())).toBe('utf-16be');
    expect(detectEncoding(Buffer.from(text, 'latin1'))).toBe('windows-1252');
  });

  it('names the encodings a marketer may choose', () => {
    expect(parseCsvEncoding(' UTF8 ')).toBe('utf-8');
    expect(parseCsvEncoding('ISO-8859-15')).toBe('iso-8859-15');
    expect(parseCsvEncoding('ebcdic')).toBeUndefined();
  });

  it('does not mistake a UTF-8 character cut at the end of a preview for Windows-1252', () => {
    const cut = new TextEncoder().encode('José').subarray(0, 4); // "Jos" + first byte of é
    expect(detectEncoding(cut, false)).toBe('utf-8');
    expect(detectEncoding(cut, true)).toBe('windows-1252');
  });

  it('finds a bad byte in a later chunk, and a character split across chunks is fine', () => {
    const check = new Utf8Check();
    const e = new TextEncoder().encode('é');
    expect(check.push(Uint8Array.from([0x61, e[0]]))).toBe(true);
    expect(check.push(Uint8Array.from([e[1], 0x62]))).toBe(true);
    expect(check.push(Uint8Array.from([0xe9, 0x3b]), true)).toBe(false);
  });
});
