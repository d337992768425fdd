import { neutraliseCell } from './csv-cell';

describe('neutraliseCell', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
    ['+31 6 1234', `'+31 6 1234`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tcmd', `'\tcmd`],
    ['\rcmd', `'\rcmd`],
    ['Anna', 'Anna'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (input, expected) => expect(neutraliseCell(input)).toBe(expected));

  it('renders null as empty and objects as JSON', () => {
    expect(neutraliseCell(null)).toBe('');
    expect(neutraliseCell({ a: 1 })).toBe('{"a":1}');
    expect(neutraliseCell(5)).toBe('5');
  });
});
