import { Get, Inject, Logger, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PublicController } from '../common/admin-controller.decorator';
import { Clock } from '../common/clock';
import { escapeHtml, notFoundPage, publicPage } from '../common/html-page';
import { LocaleResolver } from '../i18n/locale-resolver';
import type { Translator } from '../i18n/translator';
import { LinkTokenService } from '../links/link-token.service';
import { PUBLIC_PATHS } from '../links/public-paths';
import { CAMPAIGN_LINKS_LOOKUP, CampaignLinksLookup } from './campaign-links.lookup';
import { TRACKING_SINK, TrackingSink } from './tracking-sink';
import { appendUtm } from './utm';

function unavailablePage(t: Translator): string {
  return publicPage(
    t,
    t.t('page.unavailable.title'),
    `<h1>${escapeHtml(t.t('page.unavailable.heading'))}</h1><p>${escapeHtml(t.t('page.unavailable.body'))}</p>`,
  );
}

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
    private readonly locales: LocaleResolver,
  ) {}

  @Get(':token/:index')
  async follow(
    @Param('token') token: string,
    @Param('index') rawIndex: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const claims = this.tokens.verify(token);
    const index = /^\d{1,5}$/.test(rawIndex) ? Number(rawIndex) : -1;
    if (!claims || index < 0) return this.html(reply, 404, notFoundPage(this.locales.forRequest(request), 'typed'));
    let url: string | undefined;
    let target: string;
    try {
      url = (await this.lookup.linksOf(claims.campaignId))?.[index];
      if (!url || !/^https?:\/\//i.test(url))
        return this.html(reply, 404, notFoundPage(await this.locales.forClaims(claims, request), 'typed'));
      target = appendUtm(url, await this.lookup.utmOf(claims.campaignId));
    } catch (error) {
      this.logger.error(`looking up the links of campaign ${claims.campaignId} failed: ${(error as Error).message}`);
      // The database may be what failed: no lookup for the page's language.
      return this.html(reply, 503, unavailablePage(this.locales.forRequest(request)));
    }
    try {
      await this.sink.recordClick({
        claims,
        index,
        url,
        ip: request.ip,
        ua: String(request.headers['user-agent'] ?? ''),
        at: this.clock.now(),
        method: request.method === 'HEAD' ? 'HEAD' : 'GET',
      });
    } catch (e) {
      this.logger.error(`recording a click failed: ${(e as Error).message}`);
    }
    void reply
      .status(302)
      .headers({ location: target, 'cache-control': 'no-store, private', 'referrer-policy': 'no-referrer' })
      .send();
  }

  private html(reply: FastifyReply, status: number, body: string): void {
    void reply
      .status(status)
      .headers({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .send(body);
  }
}
