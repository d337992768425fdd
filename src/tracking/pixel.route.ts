import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Clock } from '../common/clock';
import { clientAddressResolver } from '../common/http/client-address';
import type { AppConfig } from '../config/app-config';
import { runsApi } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { LinkTokenService } from '../links/link-token.service';
import { PUBLIC_PATHS } from '../links/public-paths';
import { TRACKING_SINK, TrackingSink } from './tracking-sink';

// The classic 43-byte transparent 1×1 GIF.
export const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
const GIF_HEADERS = {
  'content-type': 'image/gif',
  'cache-control': 'no-store, no-cache, must-revalidate, private',
  pragma: 'no-cache',
  expires: '0',
  'content-length': String(PIXEL_GIF.length),
};
const PREFIX = `/${PUBLIC_PATHS.open}/`;

type Listener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * The open pixel, `GET /o/{token}.gif`: always the image, whatever the token
 * and whatever is down. A genuine hit is in the Redis buffer before the answer
 * goes out (the sink bounds that wait and never throws); the database is not
 * touched here.
 *
 * It answers on the raw node:http server, in front of Fastify and Nest: it is
 * the hottest path we serve, needs no routing, guard, pipe or filter, and that
 * per-request machinery cost more than half its throughput (bench/track.bench.js).
 * Every other URL goes on to Fastify untouched.
 */
@Injectable()
export class PixelRoute implements OnModuleInit {
  private readonly logger = new Logger('PixelRoute');
  private readonly clientIp: (request: IncomingMessage) => string;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly tokens: LinkTokenService,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
    @Inject(TRACKING_SINK) private readonly sink: TrackingSink,
  ) {
    this.clientIp = clientAddressResolver(config);
  }

  onModuleInit(): void {
    // A worker-only process answers /health alone (bootstrap.ts): no pixel there.
    if (!runsApi(this.config)) return;
    const server = this.adapterHost.httpAdapter.getInstance<FastifyInstance>().server;
    const [fastify, ...others] = server.listeners('request') as Listener[];
    if (!fastify || others.length)
      throw new Error('PixelRoute expects exactly one request listener (Fastify) on the HTTP server');
    server.removeListener('request', fastify);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const url = request.url ?? '';
      if (url.startsWith(PREFIX) && (request.method === 'GET' || request.method === 'HEAD'))
        this.open(request, response, url).catch((e: Error) =>
          this.logger.error(`answering the pixel failed: ${e.message}`),
        );
      else fastify(request, response);
    });
  }

  async open(request: IncomingMessage, response: ServerResponse, url: string): Promise<void> {
    try {
      const query = url.indexOf('?');
      const raw = url.slice(PREFIX.length, query >= 0 ? query : undefined);
      const file = raw.includes('%') ? safeDecode(raw) : raw;
      const claims = file.endsWith('.gif') ? this.tokens.verify(file.slice(0, -4)) : undefined;
      if (claims)
        await this.sink.recordOpen({
          claims,
          ip: this.clientIp(request),
          ua: String(request.headers['user-agent'] ?? ''),
          at: this.clock.now(),
          method: request.method === 'HEAD' ? 'HEAD' : 'GET',
        });
    } catch (e) {
      this.logger.error(`recording an open failed: ${(e as Error).message}`);
    }
    response.writeHead(200, GIF_HEADERS);
    response.end(request.method === 'HEAD' ? undefined : PIXEL_GIF);
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}
