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

const GIF_HEADERS = { 'content-type': 'image/gif', 'cache-control': 'no-store, no-cache, must-revalidate, private', pragma: 'no-cache', expires: '0' };

/**
 * The open pixel: always the image, whatever the token and whatever is down.
 * A genuine hit is in the Redis buffer before the answer goes out (the sink
 * bounds that wait and never throws); the database is not touched here.
 */
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
  async open(@Param('file') file: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const claims = file.endsWith('.gif') ? this.tokens.verify(file.slice(0, -4)) : undefined;
    if (claims) {
      try {
        await this.sink.recordOpen({ claims, ip: request.ip, ua: String(request.headers['user-agent'] ?? ''), at: this.clock.now(), method: request.method === 'HEAD' ? 'HEAD' : 'GET' });
      } catch (e) {
        this.logger.error(`recording an open failed: ${(e as Error).message}`);
      }
    }
    void reply.status(200).headers(GIF_HEADERS).send(PIXEL_GIF);
  }
}
