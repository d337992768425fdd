import type { IncomingMessage } from 'node:http';
import { clientAddressResolver } from './client-address';

const from = (peer: string, forwarded?: string) =>
  ({
    socket: { remoteAddress: peer },
    headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
  }) as unknown as IncomingMessage;

describe("clientAddressResolver (the open pixel's request.ip)", () => {
  it('takes the peer and ignores X-Forwarded-For without TRUST_PROXY', () => {
    expect(clientAddressResolver({ trustProxy: false })(from('203.0.113.1', '198.51.100.7'))).toBe('203.0.113.1');
  });

  it('honours the header only from a listed proxy, as far as the hops are trusted', () => {
    const resolve = clientAddressResolver({ trustProxy: ['127.0.0.1', '10.0.0.0/8'] });
    expect(resolve(from('127.0.0.1', '198.51.100.7'))).toBe('198.51.100.7');
    expect(resolve(from('127.0.0.1', '198.51.100.99, 10.1.2.3'))).toBe('198.51.100.99');
    expect(resolve(from('127.0.0.1', '198.51.100.99, 198.51.100.7'))).toBe('198.51.100.7');
    expect(resolve(from('203.0.113.1', '198.51.100.7'))).toBe('203.0.113.1');
  });

  it('with a hop count, trusts that many hops', () => {
    expect(clientAddressResolver({ trustProxy: 1 })(from('192.0.2.9', '198.51.100.99, 198.51.100.7'))).toBe(
      '198.51.100.7',
    );
    expect(clientAddressResolver({ trustProxy: 2 })(from('192.0.2.9', '198.51.100.99, 198.51.100.7'))).toBe(
      '198.51.100.99',
    );
  });
});
