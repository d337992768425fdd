import { Body, Get, Param, ParseIntPipe, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AdminController, PublicController } from '../../common/admin-controller.decorator';
import { PUBLIC_PATHS } from '../../links/public-paths';
import { autoPostPage, escapeHtml, field, FormField, formHtml, formPage, messagePage, NOT_FOUND_PAGE, sendHtml } from '../common/kind-pages';
import { KindRecipientResolver } from '../common/kind-recipient';
import { ADDRESS_FIELDS, ClaimGift } from './claim-gift';
import type { ShippingAddress } from './gift-claim.entity';
import type { GiftContent } from './gift.content';
import { GiftReport, GiftReportService } from './gift-report';

const EXPIRED = messagePage('This gift has expired', ['The claim period is over. Thank you for being with us; there will be more.']);
const OUT_OF_STOCK = messagePage('All gone', ['Every gift has been claimed. We are sorry you missed it; there will be more.']);
const LABELS: Record<keyof ShippingAddress, string> = { name: 'Name', street: 'Street and number', postcode: 'Postcode', city: 'City', country: 'Country' };

function claimedPage(content: GiftContent, code: string | null, again: boolean): string {
  const lines = [again ? 'You already claimed this gift.' : 'Your gift is claimed. Enjoy!'];
  const extra = content.giftType === 'code' && code
    ? `<p style="font-size:1.6rem;font-weight:bold;letter-spacing:2px">${escapeHtml(code)}</p>`
    : content.giftType === 'download' && content.downloadUrl
      ? `<p><a class="button" href="${escapeHtml(content.downloadUrl)}">Download</a></p>`
      : '<p>We will ship it to the address you gave us.</p>';
  return messagePage(content.title, lines, extra);
}

/** /g/{token}: GET shows the gift (and the address form for shipped gifts); the POST claims it. */
@ApiExcludeController()
@PublicController(PUBLIC_PATHS.gift)
export class GiftPublicController {
  constructor(
    private readonly recipients: KindRecipientResolver,
    private readonly gifts: ClaimGift,
  ) {}

  @Get(':token')
  async show(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    const r = await this.recipients.resolve(token, 'gift');
    if (!r) return sendHtml(reply, 404, NOT_FOUND_PAGE);
    const existing = await this.gifts.existing(r.claims);
    if (existing?.status === 'claimed') return sendHtml(reply, 200, claimedPage(r.content, existing.code, true));
    if (this.gifts.isExpired(r.content)) return sendHtml(reply, 410, EXPIRED);
    if ((await this.gifts.stockLeft(r.claims.campaignId, r.content)) === 0) return sendHtml(reply, 410, OUT_OF_STOCK);
    const action = `/${PUBLIC_PATHS.gift}/${token}`;
    if (r.content.giftType === 'shipped') return sendHtml(reply, 200, this.addressForm(action, r.content, {}));
    sendHtml(reply, 200, autoPostPage(r.content.title, [r.content.description], action, 'Claim my gift'));
  }

  @Post(':token')
  async claim(@Param('token') token: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const r = await this.recipients.resolve(token, 'gift');
    if (!r) return sendHtml(reply, 404, NOT_FOUND_PAGE);
    let address: ShippingAddress | null = null;
    if (r.content.giftType === 'shipped') {
      const entered = Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, field(body, f, 200)])) as unknown as ShippingAddress;
      if (ADDRESS_FIELDS.some((f) => !entered[f])) {
        const existing = await this.gifts.existing(r.claims);
        if (existing?.status === 'claimed') return sendHtml(reply, 200, claimedPage(r.content, existing.code, true));
        return sendHtml(reply, 422, this.addressForm(`/${PUBLIC_PATHS.gift}/${token}`, r.content, entered, 'Please fill in every field of the address.'));
      }
      address = entered;
    }
    const outcome = await this.gifts.claim(r.claims, r.content, address);
    switch (outcome.result) {
      case 'claimed':
      case 'already_claimed':
        return sendHtml(reply, 200, claimedPage(r.content, outcome.code, outcome.result === 'already_claimed'));
      case 'expired':
        return sendHtml(reply, 410, EXPIRED);
      case 'out_of_stock':
        return sendHtml(reply, 410, OUT_OF_STOCK);
      case 'in_progress':
        return sendHtml(reply, 409, messagePage('One moment', ['Your claim is being processed. Reload this page in a moment.']));
    }
  }

  private addressForm(action: string, content: GiftContent, values: Partial<ShippingAddress>, problem?: string): string {
    const fields: FormField[] = ADDRESS_FIELDS.map((f) => ({ name: f, label: LABELS[f], value: values[f], required: true }));
    return formPage(content.title, [content.description, ...(problem ? [problem] : []), 'Where should we send it?'], formHtml(action, 'Claim my gift', fields));
  }
}

@AdminController('campaigns', 'kinds')
export class GiftReportController {
  constructor(private readonly reports: GiftReportService) {}

  @Get(':id/report/gift')
  report(@Param('id', ParseIntPipe) id: number): Promise<GiftReport> {
    return this.reports.report(id);
  }
}
