import type { FastifyRequest } from 'fastify';
import { AuthException } from './auth.exception';

/**
 * A browser names the page that sent a request in Origin; a cookie-carrying
 * write from another site is refused even before the CSRF token is looked at.
 * Accepted: PUBLIC_URL's origin, or the host the request was sent to (the Vite
 * dev server proxying to the api). No Origin header: older browsers and
 * non-browser clients, left to the CSRF token.
 */
export function assertSameOrigin(request: FastifyRequest, publicUrl: string): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  if (origin === new URL(publicUrl).origin) return;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  if (host && host === request.headers.host) return;
  throw new AuthException(
    'origin_not_allowed',
    `Requests from ${origin} are not accepted; open the app at ${publicUrl}`,
    403,
  );
}
