import fc from 'fast-check';
import { malformedBodyText, malformedQuery, malformedSegment, malformedString, oddContentType } from './malformed';
import { clip, FuzzRequest } from './openapi-inputs';

/** A public route: a template like /p/{token}/{value} and a well-formed value for each part. */
export interface PublicRoute {
  method: 'GET' | 'HEAD' | 'POST';
  template: string;
  base: Record<string, string>;
  /** Form fields the page's own form posts. */
  fields?: string[];
  /** Query parameters the route reads. */
  query?: string[];
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Tokens that are almost the issued one: other spellings of the same bytes, flipped, cut, grown, or another kind's. */
export function mutatedToken(token: string, others: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...ALPHABET).map((c) => token.slice(0, -1) + c),
    fc
      .tuple(fc.nat(token.length - 1), fc.constantFrom(...ALPHABET))
      .map(([i, c]) => token.slice(0, i) + c + token.slice(i + 1)),
    fc.nat(token.length - 1).map((n) => token.slice(0, n)),
    fc.constantFrom('A', '=', '==', '.', '%00', '%2F..', '/', token).map((tail) => token + tail),
    fc.constantFrom(...(others.length ? others : [token])),
    fc.constantFrom(
      token.toUpperCase(),
      token.toLowerCase(),
      `${token}.gif`,
      token.replace(/-/g, '+').replace(/_/g, '/'),
      encodeURIComponent(token.replace(/-/g, '+')),
    ),
    malformedSegment,
  );
}

type Mutation =
  | { kind: 'part'; name: string; value: string }
  | { kind: 'query'; text: string }
  | { kind: 'form'; field: string; value: string }
  | { kind: 'body'; text: string }
  | { kind: 'contentType'; value: string }
  | { kind: 'header'; name: string; value: string };

const HEADERS = [
  'accept-language',
  'user-agent',
  'x-forwarded-for',
  'cookie',
  'referer',
  'accept',
  'if-none-match',
  'range',
];
const headerValue = fc.oneof(
  malformedString.filter((s) => s.length < 8_000).map((s) => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?')),
  fc.constantFrom(
    '*;q=NaN',
    'en;q=-1,nl;q=2',
    'xx-XXXX-' + 'a'.repeat(200),
    '1.2.3.4, ::1, not-an-ip',
    '999.999.999.999',
    'bytes=0-0,-1',
    'vm_session=' + 'A'.repeat(500),
    '__proto__=1; constructor=2',
  ),
);

export function malformedPublicRequests(route: PublicRoute, tokens: string[]): fc.Arbitrary<FuzzRequest> {
  const parts = Object.keys(route.base);
  const options: fc.Arbitrary<Mutation>[] = [
    malformedQuery(route.query ?? []).map((text) => ({ kind: 'query' as const, text })),
    fc
      .tuple(fc.constantFrom(...HEADERS), headerValue)
      .map(([name, value]) => ({ kind: 'header' as const, name, value })),
  ];
  for (const name of parts) {
    const value =
      name === 'token'
        ? mutatedToken(
            route.base.token,
            tokens.filter((t) => t !== route.base.token),
          )
        : malformedSegment;
    const part = value.map((v) => ({ kind: 'part' as const, name, value: v }));
    options.push(part, part);
  }
  if (route.method === 'POST') {
    const field = fc.constantFrom(
      ...(route.fields ?? []),
      '__proto__',
      'constructor',
      'List-Unsubscribe',
      'email',
      'website',
      'x'.repeat(300),
    );
    const form = fc
      .tuple(
        field,
        malformedString.filter((s) => s.length < 20_000),
      )
      .map(([f, value]) => ({ kind: 'form' as const, field: f, value }));
    options.push(
      form,
      form,
      malformedBodyText.map((text) => ({ kind: 'body' as const, text })),
      oddContentType.map((value) => ({ kind: 'contentType' as const, value })),
    );
  }
  return fc.array(fc.oneof(...options), { minLength: 1, maxLength: 3 }).map((mutations) => build(route, mutations));
}

function build(route: PublicRoute, mutations: Mutation[]): FuzzRequest {
  const parts = { ...route.base };
  const query: string[] = [];
  const form = new URLSearchParams(Object.fromEntries((route.fields ?? []).map((f) => [f, '1'])));
  const headers: Record<string, string> = {};
  let body: string | undefined;
  let contentType = 'application/x-www-form-urlencoded';
  const described: string[] = [];
  for (const m of mutations) {
    switch (m.kind) {
      case 'part':
        parts[m.name] = m.value;
        described.push(`${m.name}=${clip(m.value)}`);
        break;
      case 'query':
        query.push(m.text);
        described.push(`query ${clip(m.text)}`);
        break;
      case 'form':
        form.append(m.field, m.value);
        described.push(`form ${clip(m.field)}=${clip(m.value)}`);
        break;
      case 'body':
        body = m.text;
        described.push(`body ${clip(m.text)}`);
        break;
      case 'contentType':
        contentType = m.value;
        described.push(`content-type "${m.value}"`);
        break;
      case 'header':
        headers[m.name] = m.value;
        described.push(`header ${m.name}: ${clip(m.value)}`);
        break;
    }
  }
  const url =
    route.template.replace(/\{(\w+)\}/g, (_, name: string) => parts[name]) +
    (query.length ? `?${query.join('&')}` : '');
  if (route.method === 'POST') {
    body ??= form.toString();
    if (contentType) headers['content-type'] = contentType;
  }
  return { method: route.method, url, headers, payload: body, mutations: described };
}
