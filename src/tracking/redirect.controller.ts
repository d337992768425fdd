import { Get, Inject, Logger, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PublicController } from '../common/admin-controller.decorator';
import { Clock } from '../common/clock';
import { page } from '../common/html-page';
import { LinkTokenService } from '../links/link-token.service';
import { PUBLIC_PATHS } from '../links/public-paths';
import { CAMPAIGN_LINKS_LOOKUP, CampaignLinksLookup } from './campaign-links.lookup';
import { TRACKING_SINK, TrackingSink } from './tracking-sink';
import { appendUtm } from './utm';

const NOT_FOUND_PAGE = page(
  'Link not found',
  '<div class="card"><h1>This link does not work</h1><p>The link may have been copied incompletely, or it belongs to an email that no longer exists.</p><p>If you typed it, please check it and try again.</p></div>',
);
const UNAVAILABLE_PAGE = page('Please try again', '<div class="card"><h1>Something went wrong on our side</h1><p>Please try the link again in a minute.</p></div>');

/**
 * Click tracking: /r/{token}/{index} goes to entry {index} of the campaign's
 * stored link list and nowhere else, so it is no open redirect. The click is
 * in the Redis buffer before the 302 goes out.
 */
@ApiExcludeController()
@PublicController(PUBLIC_PATHS.redirect)
export class RedirectController {
  private readonly logger = new Logger(RedirectController.name);

  constructor(
    private readonly tokens: LinkTokenService,
    private readonly clock: Clock,
    @Inject(CAMPAIGN_LINKS_LOOKUP) private readonly lookup: CampaignLinksLookup,
    @Inject(TRACKING_SINK) private readonly sink: TrackingSink,
  ) {}

  @Get(':token/:index')
  async follow(@Param('token') token: string, @Param('index') rawIndex: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const claims = this.tokens.verify(token);
    const index = /^\d{1,5}$/.test(rawIndex) ? Number(rawIndex) : -1;
    if (!claims || index < 0) return this.html(reply, 404, NOT_FOUND_PAGE);
    let url: string | undefined;
    let target: string;
    try {
      url = (await this.lookup.linksOf(claims.campaignId))?.[index];
      if (!url || !/^https?:\/\//i.test(url)) return this.html(reply, 404, NOT_FOUND_PAGE);
      target = appendUtm(url, await this.lookup.utmOf(claims.campaignId));
    } catch (error) {
      this.logger.error(`looking up the links of campaign ${claims.campaignId} failed: ${(error as Error).message}`);
      return this.html(reply, 503, UNAVAILABLE_PAGE);
    }
    try {
      await this.sink.recordClick({ claims, index, url, ip: request.ip, ua: String(request.headers['user-agent'] ?? ''), at: this.clock.now(), method: request.method === 'HEAD' ? 'HEAD' : 'GET' });
    } catch (e) {
      this.logger.error(`recording a click failed: ${(e as Error).message}`);
    }
    void reply.status(302).headers({ location: target, 'cache-control': 'no-store, private', 'referrer-policy': 'no-referrer' }).send();
  }

  private html(reply: FastifyReply, status: number, body: string): void {
    void reply.status(status).headers({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).send(body);
  }
}
