import fc from 'fast-check';

// Text a marketer's browser, a scanner or an attacker may send: control and
// bidi characters, lone surrogates, injection payloads, loose number spellings.
export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\t\n\r',
  '\u001b[31mred',
  '\u0085',
  '\u007f',
  '\uD800',
  '\uDFFF',
  'x\uD83D',
  '\uDC00y',
  '\u202Eevil\u202C',
  '\u2066x\u2069',
  '\u200B',
  '\uFEFF',
  '\u0301',
  'İ',
  'ß',
  'ǅ',
  '𝕏',
  '👨‍👩‍👧‍👦',
  'مرحبا',
  '\u{10FFFF}',
  "' OR '1'='1' --",
  '"; DROP TABLE subscribers; --',
  '1); DELETE FROM lists; --',
  "x' UNION SELECT password_hash FROM users --",
  '\\',
  '\\x00',
  "''",
  "%'",
  '=HYPERLINK("http://evil.example","x")',
  '+SUM(1,1)',
  '@SUM(1)',
  '-2+3',
  "=cmd|' /C calc'!A0",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '<!--',
  ']]>',
  '&amp;&#0;',
  '{{constructor.constructor("return process")()}}',
  '{{#each this}}{{@key}}{{/each}}',
  '{{> ../../../../etc/passwd}}',
  '{{{lookup this "__proto__"}}}',
  '${7*7}',
  '#{7*7}',
  '<mj-raw><script>x</script></mj-raw>',
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '..\\..\\..\\windows\\win.ini',
  '/etc/passwd\u0000.csv',
  'file:///etc/passwd',
  'http://169.254.169.254/latest/meta-data/',
  '//evil.example',
  'CON',
  'nul.csv',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '__defineGetter__',
  'valueOf',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e309',
  '0x10',
  '0b11',
  '0o7',
  '+6',
  '6e0',
  '6.0',
  '06',
  '1 ',
  ' 1',
  '1%20',
  '1_000',
  '١٢',
  '99999999999999999999',
  '-1',
  '0',
  '2147483648',
  '9007199254740993',
  'null',
  'undefined',
  'true',
  'false',
  '[]',
  '{}',
  '[object Object]',
  '%',
  '%%',
  '%zz',
  '%00',
  '%C0%AF',
  '\r\nX-Injected: 1',
  'a@b',
  '@',
  'anna@example.nl\u0000',
  'anna@@example.nl',
  '"quoted"@example.nl',
  'anna@[127.0.0.1]',
  'x'.repeat(255) + '@example.nl',
  '2026-02-30T25:61:00Z',
  '0000-00-00',
  '9999-12-31T23:59:59.999Z',
  '1970-01-01T00:00:00Z',
  'now',
  '2026-13-01',
];

const huge = fc
  .tuple(fc.constantFrom('a', 'é', '😀', '<', '\u0000', '{'), fc.constantFrom(300, 5_000, 70_000))
  .map(([c, n]) => c.repeat(n));

export const malformedString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }) },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\u202E', '\u0000', 'a', '%', '/', '.'),
      maxLength: 12,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom(...NASTY_STRINGS), fc.constantFrom(...NASTY_STRINGS)).map(([a, b]) => a + b),
  },
  { weight: 1, arbitrary: huge },
);

const oddNumber = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    1.5,
    -0.000001,
    2 ** 31,
    2 ** 31 - 1,
    2 ** 32,
    2 ** 53,
    2 ** 63,
    1e21,
    1e308,
    -1e308,
    5e-324,
    123456789012,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** A JSON value of a kind a field does not expect, as JSON text. */
export const malformedJsonValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: malformedString.map((s) => JSON.stringify(s)) },
  { weight: 3, arbitrary: oddNumber.map((n) => JSON.stringify(n)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('null', 'true', 'false', '[]', '{}', '[null]', '[[[]]]', '""', '[1,"1",{}]', '{"":""}'),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{"__proto__":{"isAdmin":true}}',
      '{"constructor":{"prototype":{"isAdmin":true}}}',
      '{"toString":1,"valueOf":"x"}',
      '[{"__proto__":[]}]',
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 2, max: 60 }).map((d) => '['.repeat(d) + ']'.repeat(d)) },
  { weight: 1, arbitrary: fc.array(malformedString, { maxLength: 4 }).map((a) => JSON.stringify(a)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null') },
);

/** A whole request body that is not the JSON document a route expects. */
export const malformedBodyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: malformedJsonValue },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '{',
      '{"a":',
      '{"a":1,}',
      "{'a':1}",
      '{"a":1}{"b":2}',
      '\uFEFF{}',
      'NaN',
      '{"a":NaN}',
      '{"a":1e99999}',
      '[' + '1,'.repeat(20000) + '1]',
      '{"a":"\\ud800"}',
      '{"a":"\\u0000"}',
      '{"a\\u0000":1}',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(100_000, 5_000, 65, 200).map((d) => '{"a":'.repeat(d) + '1' + '}'.repeat(d)),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
);

/** A path segment that is not the id, token or value a route expects (already URL-encoded). */
export const malformedSegment: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: malformedString
      .filter((s) => s.length > 0 && s.length < 2_000)
      .map((s) => encodeURIComponent(safeUnicode(s))),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '0x6',
      '+6',
      '6e0',
      '6.0',
      '06',
      '1%20',
      '%201',
      '1%00',
      '-1',
      '0',
      '2147483648',
      '99999999999999999999',
      '1e3',
      '%2e%2e',
      '..%2f..%2fetc',
      '%252e%252e%252f',
      '%',
      '%zz',
      '%C0%AF',
      '%ED%A0%80',
      '%E2%80%AE',
      'con',
      '.',
      '..',
      'a;b',
      'a,b',
      '1,2',
      '[1]',
      'true',
      'null',
    ),
  },
  { weight: 1, arbitrary: oddNumber.map((n) => encodeURIComponent(String(n))) },
);

/** A query-string fragment (name=value pairs, already encoded) of unexpected parameters and values. */
export function malformedQuery(names: string[]): fc.Arbitrary<string> {
  const value = malformedString.filter((s) => s.length < 3_000).map((s) => encodeURIComponent(safeUnicode(s)));
  const name = names.length
    ? fc.oneof(fc.constantFrom(...names), fc.constantFrom('__proto__', 'constructor', 'x', 'attr.__proto__'))
    : fc.constantFrom('__proto__', 'constructor', 'x');
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(name, value).map(([n, v]) => `${n}=${v}`) },
    { weight: 1, arbitrary: fc.tuple(name, value, value).map(([n, a, b]) => `${n}=${a}&${n}=${b}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '__proto__[isAdmin]=1',
        'constructor[prototype][isAdmin]=1',
        '__proto__.isAdmin=1',
        'a[b][c][d][e]=1',
        '%00=1',
        '=1',
        '&&&',
        'page[]=1',
        'limit[$gt]=0',
        'attr[__proto__]=x',
        'attr.constructor=1',
      ),
    },
  );
}

// encodeURIComponent throws on a lone surrogate; send it as its UTF-8 replacement bytes instead.
function safeUnicode(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Content types a client may wrongly send a body with. */
export const oddContentType = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json, text/plain',
  '',
);
