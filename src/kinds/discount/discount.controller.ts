import { IsOmittable } from '../../common/omittable';
import { Body, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController, ApiOkResponse, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsString, Length, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { AdminController, PublicController } from '../../common/admin-controller.decorator';
import { TRIAL_PATH } from './discount.paths';
import { LocaleResolver } from '../../i18n/locale-resolver';
import type { Translator } from '../../i18n/translator';
import { ActGate } from '../../acts/act-gate';
import { messagePage, sendHtml, sendNotFound } from '../common/kind-pages';
import { KindRecipientResolver } from '../common/kind-recipient';
import { DiscountReport, DiscountReportService } from './discount-report';
import { RedeemCoupon, RedemptionResult, RolledBackCoupon } from './redeem-coupon';
import { StartTrial, TrialView } from './start-trial';
import { IdParam } from '../../common/whole-number';

export class RedeemCouponDto {
  @ApiProperty({ example: 'SPR-7KQ2-M9XD' })
  @IsString()
  @Length(1, 64)
  code: string;

  @ApiProperty({ example: 'order-1001' })
  @IsString()
  @Length(1, 120)
  orderId: string;

  @ApiProperty({ example: 64.5, description: 'Order amount before the discount' })
  @IsNumber()
  @Min(0)
  amount: number;
}

export class RollbackCouponDto {
  @ApiPropertyOptional({ description: 'Required for shared codes' })
  @IsOmittable()
  @IsString()
  @Length(1, 120)
  orderId?: string;
}

@AdminController('coupons', 'kinds')
export class CouponsController {
  constructor(private readonly coupons: RedeemCoupon) {}

  @Post('redeem')
  @HttpCode(200)
  @ApiOkResponse({ type: RedemptionResult })
  redeem(@Body() dto: RedeemCouponDto): Promise<RedemptionResult> {
    return this.coupons.redeem(dto.code, dto.orderId, dto.amount);
  }

  @Post(':code/rollback')
  @HttpCode(200)
  @ApiOkResponse({ type: RolledBackCoupon })
  rollback(@Param('code') code: string, @Body() dto: RollbackCouponDto): Promise<RolledBackCoupon> {
    return this.coupons.rollback(code, dto.orderId);
  }
}

@AdminController('campaigns', 'kinds')
export class DiscountReportController {
  constructor(private readonly reports: DiscountReportService) {}

  @Get(':id/report/discount')
  @ApiOkResponse({ type: DiscountReport })
  report(@IdParam() id: number): Promise<DiscountReport> {
    return this.reports.report(id);
  }
}

function trialPage(t: Translator, timeZone: string, trial: TrialView): string {
  return messagePage(t, trial.already ? t.t('page.trial.running') : t.t('page.trial.started'), [
    t.t('page.trial.plan', { plan: trial.plan }),
    t.t('page.trial.until', { date: t.format.dateTime(trial.endsAt, timeZone) }),
  ]);
}

/** /t/{token}: one click starts the trial once the scanner rules have judged it (ActSettler); the person sees it at once. */
@ApiExcludeController()
@PublicController(TRIAL_PATH)
export class TrialPublicController {
  constructor(
    private readonly recipients: KindRecipientResolver,
    private readonly trials: StartTrial,
    private readonly locales: LocaleResolver,
    private readonly gate: ActGate,
  ) {}

  @Get(':token')
  async show(@Param('token') token: string, @Res() reply: FastifyReply, how: 'link' | 'form' = 'link'): Promise<void> {
    const r = await this.recipients.resolve(token, 'discount');
    if (!r || r.content.offerType !== 'trial') return sendNotFound(reply, this.locales);
    const { t } = r;
    const existing = await this.trials.existing(r.claims);
    if (existing) return sendHtml(reply, 200, trialPage(t, r.campaign.timezone, existing));
    await this.gate.propose('trial', r.claims, TRIAL_PATH, {}, how);
    sendHtml(reply, 200, trialPage(t, r.campaign.timezone, this.trials.preview(r.content)));
  }

  /** Pages from before one-click trials were judged posted here: the same way. */
  @Post(':token')
  async start(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    await this.show(token, reply, 'form');
  }
}
