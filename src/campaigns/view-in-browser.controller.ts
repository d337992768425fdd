import { Get, Header, Param, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Subscriber } from '../audience/subscriber.entity';
import { PublicController } from '../common/admin-controller.decorator';
import { messagePage } from '../common/html-page';
import { LocaleResolver } from '../i18n/locale-resolver';
import { LinkTokenService } from '../links/link-token.service';
import { PUBLIC_PATHS } from '../links/public-paths';
import { Delivery } from '../sending/delivery.entity';
import { RenderService } from '../templates/render.service';
import { Campaign } from './campaign.entity';

/** "View in browser" (/v/{token}) renders the recipient's own message; /m/{token} opens the preferences page. */
@PublicController('')
export class ViewInBrowserController {
  constructor(
    private readonly tokens: LinkTokenService,
    private readonly renderer: RenderService,
    private readonly locales: LocaleResolver,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get(`${PUBLIC_PATHS.view}/:token`)
  @ApiExcludeEndpoint()
  @Header('cache-control', 'private, no-store')
  async view(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    const claims = this.tokens.verify(token);
    const campaign = claims ? await this.dataSource.getRepository(Campaign).findOneBy({ id: claims.campaignId }) : null;
    const subscriber = claims
      ? await this.dataSource.getRepository(Subscriber).findOneBy({ id: claims.subscriberId })
      : null;
    if (!claims || !campaign || !subscriber?.email) {
      const t = campaign ? this.locales.resolve({ campaign: campaign.locale }) : this.locales.forRequest(reply.request);
      return void reply
        .status(404)
        .type('text/html; charset=utf-8')
        .send(messagePage(t, t.t('page.viewGone.title'), [t.t('page.viewGone.body')]));
    }
    const delivery = claims.deliveryId
      ? await this.dataSource.getRepository(Delivery).findOneBy({ id: claims.deliveryId })
      : null;
    const compiled = await this.renderer.compile(campaign);
    const message = this.renderer.render(compiled, {
      campaignId: campaign.id,
      deliveryId: claims.deliveryId,
      subscriber: {
        id: subscriber.id,
        email: subscriber.email,
        name: subscriber.name,
        firstName: subscriber.firstName,
        lastName: subscriber.lastName,
        attributes: subscriber.attributes,
      },
      kindData: delivery?.kindData ?? undefined,
    });
    void reply.type('text/html; charset=utf-8').send(message.html);
  }

  @Get(`${PUBLIC_PATHS.preferences}/:token`)
  @ApiExcludeEndpoint()
  preferences(@Param('token') token: string, @Res() reply: FastifyReply): void {
    // The unsubscribe page is the preferences page (per list or all); a GET there changes nothing.
    void reply.redirect(`/${PUBLIC_PATHS.unsubscribe}/${encodeURIComponent(token)}`, 302);
  }
}
