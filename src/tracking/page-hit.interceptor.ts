import { CallHandler, ExecutionContext, Inject, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { IS_PUBLIC } from '../common/admin-controller.decorator';
import { Clock } from '../common/clock';
import { LinkTokenService } from '../links/link-token.service';
import { KindRegistry } from '../kinds/kind-registry';
import { PUBLIC_PATHS } from '../links/public-paths';
import { TRACKING_SINK, TrackingSink } from './tracking-sink';

/**
 * Notes every GET of a public page reached from a mail link (poll answer,
 * unsubscribe, gift...) as a page hit: a scanner that opens all links of a
 * message shows itself by them, even on pages that record nothing else.
 */
@Injectable()
export class PageHitInterceptor implements NestInterceptor {
  private readonly logger = new Logger(PageHitInterceptor.name);
  private pagePaths?: Set<string>;

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: LinkTokenService,
    private readonly clock: Clock,
    @Inject(TRACKING_SINK) private readonly sink: TrackingSink,
    private readonly kinds: KindRegistry,
  ) {}

  // Our public pages a mail links to (not the pixel or the redirect, which record themselves), the kinds' among them.
  private isPage(path: string): boolean {
    this.pagePaths ??= new Set(
      this.kinds.publicPaths().filter((p) => p !== PUBLIC_PATHS.redirect && p !== PUBLIC_PATHS.open),
    );
    return this.pagePaths.has(path);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() === 'http' && this.reflector.get<boolean>(IS_PUBLIC, context.getClass())) {
      const request = context.switchToHttp().getRequest<FastifyRequest>();
      if (request.method === 'GET' || request.method === 'HEAD') await this.note(request);
    }
    return next.handle();
  }

  private async note(request: FastifyRequest): Promise<void> {
    const [path, token, ...rest] = request.url.split('?')[0].split('/').filter(Boolean);
    if (!path || !token || !this.isPage(path)) return;
    const claims = this.tokens.verify(token);
    if (!claims || claims.deliveryId <= 0) return;
    const link = [path, ...rest.map((segment) => segment.slice(0, 20))].join('/');
    try {
      await this.sink.recordPage({
        claims,
        link,
        ip: request.ip,
        ua: String(request.headers['user-agent'] ?? ''),
        at: this.clock.now(),
        method: request.method === 'HEAD' ? 'HEAD' : 'GET',
      });
    } catch (e) {
      this.logger.error(`recording a page hit failed: ${(e as Error).message}`);
    }
  }
}
