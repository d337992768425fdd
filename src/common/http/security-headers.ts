import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';

// @fastify/helmet is the plugin made for this but is not installed yet; these
// are its defaults that matter to us, plus per-page script hashes.

const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi;

/** CSP sources allowing exactly the inline scripts of this page (public pages may carry a tiny one). */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(INLINE_SCRIPT)) hashes.add(`'sha256-${createHash('sha256').update(match[1], 'utf8').digest('base64')}'`);
  return [...hashes];
}

/**
 * Scripts only from us (and the hashed inline ones of the page); styles inline
 * too (public pages and Mantine set them); images from anywhere (mail HTML in
 * previews and the browser view points at the sender's images); never framed.
 */
export function contentSecurityPolicy(scriptHashes: string[] = []): string {
  return [
    "default-src 'self'",
    `script-src 'self'${scriptHashes.map((h) => ` ${h}`).join('')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https: http:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function isHtml(contentType: unknown): boolean {
  return String(contentType ?? '').toLowerCase().startsWith('text/html');
}

/**
 * Security headers on every answer of the engine: the web app, /api and the
 * public pages. Anything that may show personal data (/api, HTML pages,
 * anything without its own caching rule) is `no-store`; the web app's hashed
 * assets, its index.html (no-cache) and scripts that say so keep their own Cache-Control.
 */
export function registerSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    const html = isHtml(reply.getHeader('content-type'));
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
    reply.header('content-security-policy', contentSecurityPolicy(html && body ? inlineScriptHashes(body) : []));
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('cross-origin-opener-policy', 'same-origin');
    // same-origin, not no-referrer: browsers send "Origin: null" on a no-referrer POST, which the CSRF check refuses.
    if (!reply.hasHeader('referrer-policy')) reply.header('referrer-policy', 'same-origin');
    // Only when the browser really came over https (directly or, per TRUST_PROXY, through our proxy).
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    const path = request.url.split('?', 1)[0];
    const current = String(reply.getHeader('cache-control') ?? '');
    // The web app's index.html says no-cache itself (revalidated, holds no personal data): left so.
    const neverReused = /\bno-(store|cache)\b/.test(current);
    if (path === '/api' || path.startsWith('/api/') || !current || (html && !neverReused)) reply.header('cache-control', 'no-store');
    return payload;
  });
}
