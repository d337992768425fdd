import { Body, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min, NotEquals } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { AdminController, PublicController } from '../../common/admin-controller.decorator';
import { Clock } from '../../common/clock';
import { EventWriter } from '../../events/event-writer';
import { PUBLIC_PATHS } from '../../links/public-paths';
import { LocaleResolver } from '../../i18n/locale-resolver';
import type { Translator } from '../../i18n/translator';
import { autoPostPage, messagePage, sendHtml, sendNotFound } from '../common/kind-pages';
import { KindRecipientResolver } from '../common/kind-recipient';
import { bonusKey } from './loyalty-bonus.hook';
import { LedgerLine, PointsLedger } from './points-ledger';
import { LoyaltyReport, LoyaltyReportService } from './loyalty-report';
import { IdParam } from '../../common/whole-number';

export class RedeemPointsDto {
  @ApiProperty({ example: 250 }) @IsInt() @Min(1)
  points: number;

  @ApiProperty({ example: 'Free pot of tea' }) @IsString() @Length(1, 300)
  reason: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 120)
  orderId?: string;

  @ApiPropertyOptional({ description: 'Same key twice → redeemed once' }) @IsOptional() @IsString() @Length(1, 150)
  idempotencyKey?: string;
}

export class AdjustPointsDto {
  @ApiProperty({ example: -50, description: 'Positive adds, negative subtracts' }) @IsInt() @NotEquals(0)
  points: number;

  @ApiProperty() @IsString() @Length(1, 300)
  reason: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 150)
  idempotencyKey?: string;
}

export class ExpirePointsDto {
  @ApiProperty({ example: 12 }) @IsInt() @Min(1) @Max(120)
  months: number;
}

@AdminController('subscribers', 'kinds')
export class PointsController {
  constructor(private readonly ledger: PointsLedger) {}

  @Get(':id/points')
  points(@IdParam() id: number): Promise<{ subscriberId: number; balance: number; history: LedgerLine[] }> {
    return this.ledger.history(id);
  }

  @Post(':id/points/redeem')
  @HttpCode(200)
  redeem(@IdParam() id: number, @Body() dto: RedeemPointsDto): Promise<{ balance: number; replayed: boolean }> {
    return this.ledger.redeem({ subscriberId: id, points: dto.points, reason: dto.reason, orderId: dto.orderId, idempotencyKey: dto.idempotencyKey && `redeem:${id}:${dto.idempotencyKey}` });
  }

  @Post(':id/points/adjust')
  @HttpCode(200)
  adjust(@IdParam() id: number, @Body() dto: AdjustPointsDto): Promise<{ balance: number; replayed: boolean }> {
    return this.ledger.adjust({ subscriberId: id, points: dto.points, reason: dto.reason, idempotencyKey: dto.idempotencyKey && `adjust:${id}:${dto.idempotencyKey}` });
  }
}

@AdminController('loyalty', 'kinds')
export class LoyaltyAdminController {
  constructor(private readonly ledger: PointsLedger) {}

  /** What the scheduled expiry runs; callable by hand or from cron. */
  @Post('expire')
  @HttpCode(200)
  expire(@Body() dto: ExpirePointsDto): Promise<{ subscribers: number; points: number }> {
    return this.ledger.expire(dto.months);
  }
}

@AdminController('campaigns', 'kinds')
export class LoyaltyReportController {
  constructor(private readonly reports: LoyaltyReportService) {}

  @Get(':id/report/loyalty')
  report(@IdParam() id: number): Promise<LoyaltyReport> {
    return this.reports.report(id);
  }
}

/** /l/{token}: GET shows the bonus and posts by script; the POST credits it once. */
@ApiExcludeController()
@PublicController(PUBLIC_PATHS.loyalty)
export class LoyaltyPublicController {
  constructor(
    private readonly recipients: KindRecipientResolver,
    private readonly ledger: PointsLedger,
    private readonly events: EventWriter,
    private readonly clock: Clock,
    private readonly locales: LocaleResolver,
  ) {}

  @Get(':token')
  async show(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    const r = await this.recipients.resolve(token, 'loyalty');
    if (!r) return sendNotFound(reply, this.locales);
    const { t } = r;
    if (r.content.bonusMode !== 'on_click' || r.content.bonusPoints <= 0) return sendHtml(reply, 200, await this.balancePage(t, r.claims.subscriberId, t.t('page.loyalty.yourPoints')));
    sendHtml(reply, 200, autoPostPage(t, t.t('page.loyalty.collect.title', { points: r.content.bonusPoints }), [r.content.headline], `/${PUBLIC_PATHS.loyalty}/${token}`, t.t('page.loyalty.collect.button')));
  }

  @Post(':token')
  async collect(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    const r = await this.recipients.resolve(token, 'loyalty');
    if (!r) return sendNotFound(reply, this.locales);
    const { t } = r;
    if (r.content.bonusMode !== 'on_click' || r.content.bonusPoints <= 0) return sendHtml(reply, 200, await this.balancePage(t, r.claims.subscriberId, t.t('page.loyalty.yourPoints')));
    const added = await this.ledger.earn({ subscriberId: r.claims.subscriberId, points: r.content.bonusPoints, reason: `Bonus: ${r.campaign.name}`, campaignId: r.claims.campaignId, idempotencyKey: bonusKey(r.claims.campaignId, r.claims.subscriberId) });
    if (added) await this.events.record({ type: 'bonus_collected', ...r.claims, occurredAt: this.clock.now(), data: { points: r.content.bonusPoints }, dedupeKey: bonusKey(r.claims.campaignId, r.claims.subscriberId) });
    sendHtml(reply, 200, await this.balancePage(t, r.claims.subscriberId, added ? t.t('page.loyalty.added', { points: r.content.bonusPoints }) : t.t('page.loyalty.already')));
  }

  private async balancePage(t: Translator, subscriberId: number, title: string): Promise<string> {
    return messagePage(t, title, [t.t('page.loyalty.balance', { points: await this.ledger.balance(subscriberId) })]);
  }
}
