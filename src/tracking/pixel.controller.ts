import { Get, Inject, Logger, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PublicController } from '../common/admin-controller.decorator';
import { Clock } from '../common/clock';
import { LinkTokenService } from '../links/link-token.service';
import { PUBLIC_PATHS } from '../links/public-paths';
import { TRACKING_SINK, TrackingSink } from './tracking-sink';

// The classic 43-byte transparent 1×1 GIF.
export const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

/** The open pixel: always the image, whatever the token, and the hit is recorded after the answer. */
@ApiExcludeController()
@PublicController(PUBLIC_PATHS.open)
export class PixelController {
  private readonly logger = new Logger(PixelController.name);

  constructor(
    private readonly tokens: LinkTokenService,
    private readonly clock: Clock,
    @Inject(TRACKING_SINK) private readonly sink: TrackingSink,
  ) {}

  // Fastify answers HEAD for every GET route itself (exposeHeadRoutes).
  @Get(':file')
  open(@Param('file') file: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const claims = file.endsWith('.gif') ? this.tokens.verify(file.slice(0, -4)) : undefined;
    void reply
      .status(200)
      .headers({ 'content-type': 'image/gif', 'cache-control': 'no-store, no-cache, must-revalidate, private', pragma: 'no-cache', expires: '0' })
      .send(PIXEL_GIF);
    if (!claims) return;
    const hit = { claims, ip: request.ip, ua: String(request.headers['user-agent'] ?? ''), at: this.clock.now(), method: request.method === 'HEAD' ? ('HEAD' as const) : ('GET' as const) };
    setImmediate(() => {
      try {
        void Promise.resolve(this.sink.recordOpen(hit)).catch((e: Error) => this.logger.error(`recording an open failed: ${e.message}`));
      } catch (e) {
        this.logger.error(`recording an open failed: ${(e as Error).message}`);
      }
    });
  }
}
