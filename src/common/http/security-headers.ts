import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

// Our pages carry no inline scripts (one-click acts need no script: docs/value-truth.md),
// so scripts come from us only. Styles inline too (public pages and Mantine set them);
// images from anywhere (mail HTML in previews and the browser view points at the
// sender's images); never framed.
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:', 'https:', 'http:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  frameSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

function isHtml(contentType: unknown): boolean {
  return String(contentType ?? '')
    .toLowerCase()
    .startsWith('text/html');
}

/**
 * Security headers on every answer of the engine: the web app, /api and the
 * public pages. Anything that may show personal data (/api, HTML pages,
 * anything without its own caching rule) is `no-store`; the web app's hashed
 * assets, its index.html (no-cache) and scripts that say so keep their own Cache-Control.
 */
export async function registerSecurityHeaders(fastify: FastifyInstance): Promise<void> {
  await fastify.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    frameguard: { action: 'deny' },
    // same-origin, not no-referrer: browsers send "Origin: null" on a no-referrer POST, which the CSRF check refuses.
    referrerPolicy: { policy: 'same-origin' },
    // Sent below, and only when the browser really came over https.
    strictTransportSecurity: false,
    // Images and files of ours are shown inside mail apps, on other origins.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    crossOriginEmbedderPolicy: false,
  });
  fastify.addHook('onSend', async (request, reply, payload) => {
    const html = isHtml(reply.getHeader('content-type'));
    // Only when the browser really came over https (directly or, per TRUST_PROXY, through our proxy).
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    const path = request.url.split('?', 1)[0];
    const current = String(reply.getHeader('cache-control') ?? '');
    // The web app's index.html says no-cache itself (revalidated, holds no personal data): left so.
    const neverReused = /\bno-(store|cache)\b/.test(current);
    if (path === '/api' || path.startsWith('/api/') || !current || (html && !neverReused))
      reply.header('cache-control', 'no-store');
    return payload;
  });
}
