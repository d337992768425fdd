import { Body, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController, ApiOkResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AdminController, PublicController } from '../../common/admin-controller.decorator';
import { GIFT_PATH } from './gift.paths';
import { LocaleResolver } from '../../i18n/locale-resolver';
import type { Translator } from '../../i18n/translator';
import {
  escapeHtml,
  field,
  FormField,
  formHtml,
  formPage,
  messagePage,
  sendHtml,
  sendNotFound,
} from '../common/kind-pages';
import { KindRecipientResolver } from '../common/kind-recipient';
import { ADDRESS_FIELDS, ClaimGift } from './claim-gift';
import type { ShippingAddress } from './gift-claim.entity';
import type { GiftContent } from './gift.content';
import { GiftReport, GiftReportService } from './gift-report';
import { IdParam } from '../../common/whole-number';

const expiredPage = (t: Translator): string =>
  messagePage(t, t.t('page.gift.expired.title'), [t.t('page.gift.expired.body')]);
const outOfStockPage = (t: Translator): string =>
  messagePage(t, t.t('page.gift.gone.title'), [t.t('page.gift.gone.body')]);

function claimedPage(t: Translator, content: GiftContent, code: string | null, again: boolean): string {
  const lines = [again ? t.t('page.gift.claimedAgain') : t.t('page.gift.claimed')];
  const extra =
    content.giftType === 'code' && code
      ? `<p style="font-size:1.6rem;font-weight:bold;letter-spacing:2px">${escapeHtml(code)}</p>`
      : content.giftType === 'download' && content.downloadUrl
        ? `<p><a class="button" href="${escapeHtml(content.downloadUrl)}">${escapeHtml(t.t('page.gift.download'))}</a></p>`
        : `<p>${escapeHtml(t.t('page.gift.willShip'))}</p>`;
  return messagePage(t, content.title, lines, extra);
}

/** /g/{token}: GET shows the gift (and the address form for shipped gifts); the POST claims it. */
@ApiExcludeController()
@PublicController(GIFT_PATH)
export class GiftPublicController {
  constructor(
    private readonly recipients: KindRecipientResolver,
    private readonly gifts: ClaimGift,
    private readonly locales: LocaleResolver,
  ) {}

  @Get(':token')
  async show(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    const r = await this.recipients.resolve(token, 'gift');
    if (!r) return sendNotFound(reply, this.locales);
    const { t } = r;
    const existing = await this.gifts.existing(r.claims);
    if (existing?.status === 'claimed') return sendHtml(reply, 200, claimedPage(t, r.content, existing.code, true));
    if (this.gifts.isExpired(r.content)) return sendHtml(reply, 410, expiredPage(t));
    if ((await this.gifts.stockLeft(r.claims.campaignId, r.content)) === 0)
      return sendHtml(reply, 410, outOfStockPage(t));
    const action = `/${GIFT_PATH}/${token}`;
    if (r.content.giftType === 'shipped') return sendHtml(reply, 200, this.addressForm(t, action, r.content, {}));
    // Claimed by the person's own press of the button: a scanner that opens the link claims nothing.
    sendHtml(
      reply,
      200,
      formPage(t, r.content.title, [r.content.description], formHtml(action, t.t('page.gift.claim'))),
    );
  }

  @Post(':token')
  async claim(@Param('token') token: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const r = await this.recipients.resolve(token, 'gift');
    if (!r) return sendNotFound(reply, this.locales);
    const { t } = r;
    let address: ShippingAddress | null = null;
    if (r.content.giftType === 'shipped') {
      const entered = Object.fromEntries(
        ADDRESS_FIELDS.map((f) => [f, field(body, f, 200)]),
      ) as unknown as ShippingAddress;
      if (ADDRESS_FIELDS.some((f) => !entered[f])) {
        const existing = await this.gifts.existing(r.claims);
        if (existing?.status === 'claimed') return sendHtml(reply, 200, claimedPage(t, r.content, existing.code, true));
        return sendHtml(
          reply,
          422,
          this.addressForm(t, `/${GIFT_PATH}/${token}`, r.content, entered, t.t('page.gift.fillAddress')),
        );
      }
      address = entered;
    }
    const outcome = await this.gifts.claim(r.claims, r.content, address);
    switch (outcome.result) {
      case 'claimed':
      case 'already_claimed':
        return sendHtml(reply, 200, claimedPage(t, r.content, outcome.code, outcome.result === 'already_claimed'));
      case 'expired':
        return sendHtml(reply, 410, expiredPage(t));
      case 'out_of_stock':
        return sendHtml(reply, 410, outOfStockPage(t));
      case 'in_progress':
        return sendHtml(reply, 409, messagePage(t, t.t('page.gift.busy.title'), [t.t('page.gift.busy.body')]));
    }
  }

  private addressForm(
    t: Translator,
    action: string,
    content: GiftContent,
    values: Partial<ShippingAddress>,
    problem?: string,
  ): string {
    const fields: FormField[] = ADDRESS_FIELDS.map((f) => ({
      name: f,
      label: t.t(`page.gift.field.${f}`),
      value: values[f],
      required: true,
    }));
    return formPage(
      t,
      content.title,
      [content.description, ...(problem ? [problem] : []), t.t('page.gift.where')],
      formHtml(action, t.t('page.gift.claim'), fields),
    );
  }
}

@AdminController('campaigns', 'kinds')
export class GiftReportController {
  constructor(private readonly reports: GiftReportService) {}

  @Get(':id/report/gift')
  @ApiOkResponse({ type: GiftReport })
  report(@IdParam() id: number): Promise<GiftReport> {
    return this.reports.report(id);
  }
}
