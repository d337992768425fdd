import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { KindRegistry } from '../kinds/kind-registry';
import { PUBLIC_PATHS } from '../links/public-paths';

/** Where `npm run build:web` writes the single-page app. */
export const WEB_DIST = resolve(__dirname, '..', '..', 'web', 'dist');

// Everything the engine answers itself. A miss under these stays the engine's 404, never the app:
// a mistyped API path must not come back as a 200 HTML page, nor a broken mail link.
// `publicPaths`: the first segments of the mail links' pages, the engine's own and the kinds' (KindRegistry.publicPaths).
const ENGINE_PREFIXES = ['/api', '/health', '/inbox', '/public'];

export function isEnginePath(pathname: string, publicPaths: readonly string[] = Object.values(PUBLIC_PATHS)): boolean {
  return [...ENGINE_PREFIXES, ...publicPaths.map((p) => `/${p}`)].some(
    (prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`),
  );
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>valuemail</title>
<p style="font-family:system-ui;margin:3rem">The web app has not been built. Run <code>npm run build</code> (or <code>npm run dev:web</code> while developing).</p>`;

/**
 * Serves web/dist at / with a fallback to index.html for the app's own routes (/campaigns/12, /settings/users …).
 * Hashed files under /assets/ are immutable; index.html is never cached, so a new build is picked up at once.
 */
export async function registerWebApp(app: NestFastifyApplication, distDir = WEB_DIST): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const built = existsSync(join(distDir, 'index.html'));
  if (built) await app.register(fastifyStatic, { root: distDir, serve: false, index: false });

  const publicPaths = app.get(KindRegistry).publicPaths();
  const handler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const pathname = request.url.split('?', 1)[0];
    if (isEnginePath(pathname, publicPaths)) {
      return reply
        .status(404)
        .header('content-type', 'application/json; charset=utf-8')
        .send({ statusCode: 404, error: 'Not Found', message: `Cannot ${request.method} ${request.url}` });
    }
    if (!built)
      return reply
        .status(503)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(NOT_BUILT);
    if (pathname.startsWith('/assets/')) {
      return reply.sendFile(pathname.slice(1), { immutable: true, maxAge: 365 * 24 * 3600 * 1000 });
    }
    const file = join(distDir, pathname);
    if (extname(pathname) && pathname !== '/index.html' && file.startsWith(distDir) && isFile(file)) {
      return reply.sendFile(pathname.slice(1), { maxAge: 3600 * 1000 });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  };
  fastify.get('/', handler);
  fastify.get('/*', handler);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
