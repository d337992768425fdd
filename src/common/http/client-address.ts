import proxyAddr from '@fastify/proxy-addr';
import type { IncomingMessage } from 'node:http';
import type { AppConfig } from '../../config/app-config';

type TrustFn = (address: string, hop: number) => boolean;

/**
 * The client's address as Fastify's `request.ip` gives it under the same
 * TRUST_PROXY, for code that answers before Fastify (the open pixel). The
 * socket's address unless it is a trusted proxy, then X-Forwarded-For is
 * walked from the right for as long as the hops are trusted.
 */
export function clientAddressResolver(config: Pick<AppConfig, 'trustProxy'>): (request: IncomingMessage) => string {
  const { trustProxy } = config;
  if (trustProxy === false) return (request) => request.socket.remoteAddress ?? '';
  const trust: TrustFn =
    typeof trustProxy === 'number' ? (_address, hop) => hop < trustProxy : proxyAddr.compile(trustProxy);
  return (request) => {
    const all = proxyAddr.all(request, trust);
    return all[all.length - 1] ?? '';
  };
}
