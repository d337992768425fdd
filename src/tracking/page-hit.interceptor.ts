import { CallHandler, ExecutionContext, Inject, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { IS_PUBLIC } from '../common/admin-controller.decorator';
import { Clock } from '../common/clock';
import { LinkTokenService } from '../links/link-token.service';
import { PUBLIC_PATHS } from '../links/public-paths';
import { TRACKING_SINK, TrackingSink } from './tracking-sink';

// Our public pages a mail links to (not the pixel or the redirect, which record themselves).
const PAGE_PATHS = new Set<string>(Object.entries(PUBLIC_PATHS).filter(([name]) => name !== 'redirect' && name !== 'open').map(([, path]) => path));

/**
 * Notes every GET of a public page reached from a mail link (poll answer,
 * unsubscribe, gift...) as a page hit: a scanner that opens all links of a
 * message shows itself by them, even on pages that record nothing else.
 */
@Injectable()
export class PageHitInterceptor implements NestInterceptor {
  private readonly logger = new Logger(PageHitInterceptor.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: LinkTokenService,
    private readonly clock: Clock,
    @Inject(TRACKING_SINK) private readonly sink: TrackingSink,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() === 'http' && this.reflector.get<boolean>(IS_PUBLIC, context.getClass())) {
      const request = context.switchToHttp().getRequest<FastifyRequest>();
      if (request.method === 'GET' || request.method === 'HEAD') await this.note(request);
    }
    return next.handle();
  }

  private async note(request: FastifyRequest): Promise<void> {
    const [path, token, ...rest] = request.url.split('?')[0].split('/').filter(Boolean);
    if (!path || !token || !PAGE_PATHS.has(path)) return;
    const claims = this.tokens.verify(token);
    if (!claims || claims.deliveryId <= 0) return;
    const link = [path, ...rest.map((segment) => segment.slice(0, 20))].join('/');
    try {
      await this.sink.recordPage({ claims, link, ip: request.ip, ua: String(request.headers['user-agent'] ?? ''), at: this.clock.now(), method: request.method === 'HEAD' ? 'HEAD' : 'GET' });
    } catch (e) {
      this.logger.error(`recording a page hit failed: ${(e as Error).message}`);
    }
  }
}
