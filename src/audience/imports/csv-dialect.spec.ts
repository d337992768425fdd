import { detectDelimiter, firstLine } from './csv-dialect';

describe('detectDelimiter', () => {
  it.each([
    ['email,name,city', ','],
    ['E-mail;Naam;Stad', ';'],
    ['\uFEFFE-mail;Naam;Stad', ';'],
    ['"Achternaam, voornaam";E-mail;Stad', ';'],
    ['"a;b";"c;d",e,f', ','],
    ['email', ','],
  ])('%j → %j', (line, expected) => expect(detectDelimiter(line)).toBe(expected));

  it('reads only the first line, CRLF or LF', () => {
    expect(firstLine(Buffer.from('a;b\r\n1,2,3,4\r\n'))).toBe('a;b');
    expect(firstLine(Buffer.from('a,b\n'))).toBe('a,b');
  });
});
