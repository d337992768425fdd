import type { FastifyRequest } from 'fastify';
import { assertSameOrigin } from './request-origin';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as FastifyRequest;
const PUBLIC_URL = 'https://mail.shop.example';

describe('assertSameOrigin', () => {
  it("accepts no Origin, PUBLIC_URL's origin, and the host the request was sent to", () => {
    expect(() => assertSameOrigin(request({ host: 'api.internal:3000' }), PUBLIC_URL)).not.toThrow();
    expect(() =>
      assertSameOrigin(request({ origin: 'https://mail.shop.example', host: 'api.internal:3000' }), PUBLIC_URL),
    ).not.toThrow();
    expect(() =>
      assertSameOrigin(request({ origin: 'http://localhost:5173', host: 'localhost:5173' }), PUBLIC_URL),
    ).not.toThrow();
  });

  it('refuses another site, another port, another scheme of PUBLIC_URL, and the opaque "null" origin', () => {
    for (const origin of [
      'https://evil.example',
      'https://mail.shop.example:8443',
      'http://mail.shop.example',
      'null',
    ]) {
      expect(() => assertSameOrigin(request({ origin, host: 'api.internal:3000' }), PUBLIC_URL)).toThrow(
        /are not accepted/,
      );
    }
  });
});
