import { IsOmittable } from '../../common/omittable';
import { Body, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController, ApiOkResponse, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, Length, Max, Min, NotEquals } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { AdminController, PublicController } from '../../common/admin-controller.decorator';
import { LOYALTY_PATH } from './loyalty.paths';
import { LocaleResolver } from '../../i18n/locale-resolver';
import type { Translator } from '../../i18n/translator';
import { ActGate } from '../../acts/act-gate';
import { messagePage, sendHtml, sendNotFound } from '../common/kind-pages';
import { KindRecipientResolver } from '../common/kind-recipient';
import { bonusKey } from './loyalty-bonus.hook';
import { PointsLedger } from './points-ledger';
import { POINTS_ENTRY_TYPES, PointsEntryType } from './points-entry.entity';
import { LoyaltyReport, LoyaltyReportService } from './loyalty-report';
import { IdParam } from '../../common/whole-number';

export class RedeemPointsDto {
  @ApiProperty({ example: 250 })
  @IsInt()
  @Min(1)
  points: number;

  @ApiProperty({ example: 'Free pot of tea' })
  @IsString()
  @Length(1, 300)
  reason: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @Length(1, 120)
  orderId?: string;

  @ApiPropertyOptional({ description: 'Same key twice → redeemed once' })
  @IsOmittable()
  @IsString()
  @Length(1, 150)
  idempotencyKey?: string;
}

export class AdjustPointsDto {
  @ApiProperty({ example: -50, description: 'Positive adds, negative subtracts' })
  @IsInt()
  @NotEquals(0)
  points: number;

  @ApiProperty()
  @IsString()
  @Length(1, 300)
  reason: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @Length(1, 150)
  idempotencyKey?: string;
}

export class ExpirePointsDto {
  @ApiProperty({ example: 12 })
  @IsInt()
  @Min(1)
  @Max(120)
  months: number;
}

export class PointsLineDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: POINTS_ENTRY_TYPES }) type: PointsEntryType;
  @ApiProperty({ description: 'Positive credits, negative debits' }) points: number;
  @ApiProperty() reason: string;
  @ApiProperty({ nullable: true, type: Number }) campaignId: number | null;
  @ApiProperty({ nullable: true, type: String }) orderId: string | null;
  @ApiProperty() createdAt: Date;
}

export class PointsHistoryDto {
  @ApiProperty() subscriberId: number;
  @ApiProperty() balance: number;
  @ApiProperty({ type: [PointsLineDto], description: 'Newest first' }) history: PointsLineDto[];
}

export class PointsBalanceDto {
  @ApiProperty() balance: number;
  @ApiProperty({ description: 'The idempotency key was seen before: nothing changed' }) replayed: boolean;
}

export class ExpiredPointsDto {
  @ApiProperty() subscribers: number;
  @ApiProperty() points: number;
}

@AdminController('subscribers', 'kinds')
export class PointsController {
  constructor(private readonly ledger: PointsLedger) {}

  @Get(':id/points')
  @ApiOkResponse({ type: PointsHistoryDto })
  points(@IdParam() id: number): Promise<PointsHistoryDto> {
    return this.ledger.history(id);
  }

  @Post(':id/points/redeem')
  @HttpCode(200)
  @ApiOkResponse({ type: PointsBalanceDto })
  redeem(@IdParam() id: number, @Body() dto: RedeemPointsDto): Promise<PointsBalanceDto> {
    return this.ledger.redeem({
      subscriberId: id,
      points: dto.points,
      reason: dto.reason,
      orderId: dto.orderId,
      idempotencyKey: dto.idempotencyKey && `redeem:${id}:${dto.idempotencyKey}`,
    });
  }

  @Post(':id/points/adjust')
  @HttpCode(200)
  @ApiOkResponse({ type: PointsBalanceDto })
  adjust(@IdParam() id: number, @Body() dto: AdjustPointsDto): Promise<PointsBalanceDto> {
    return this.ledger.adjust({
      subscriberId: id,
      points: dto.points,
      reason: dto.reason,
      idempotencyKey: dto.idempotencyKey && `adjust:${id}:${dto.idempotencyKey}`,
    });
  }
}

@AdminController('loyalty', 'kinds')
export class LoyaltyAdminController {
  constructor(private readonly ledger: PointsLedger) {}

  /** What the scheduled expiry runs; callable by hand or from cron. */
  @Post('expire')
  @HttpCode(200)
  @ApiOkResponse({ type: ExpiredPointsDto })
  expire(@Body() dto: ExpirePointsDto): Promise<ExpiredPointsDto> {
    return this.ledger.expire(dto.months);
  }
}

@AdminController('campaigns', 'kinds')
export class LoyaltyReportController {
  constructor(private readonly reports: LoyaltyReportService) {}

  @Get(':id/report/loyalty')
  @ApiOkResponse({ type: LoyaltyReport })
  report(@IdParam() id: number): Promise<LoyaltyReport> {
    return this.reports.report(id);
  }
}

/** /l/{token}: GET shows the bonus and posts by script; the POST credits it once. */
@ApiExcludeController()
@PublicController(LOYALTY_PATH)
export class LoyaltyPublicController {
  constructor(
    private readonly recipients: KindRecipientResolver,
    private readonly ledger: PointsLedger,
    private readonly locales: LocaleResolver,
    private readonly gate: ActGate,
  ) {}

  @Get(':token')
  async show(@Param('token') token: string, @Res() reply: FastifyReply, how: 'link' | 'form' = 'link'): Promise<void> {
    const r = await this.recipients.resolve(token, 'loyalty');
    if (!r) return sendNotFound(reply, this.locales);
    const { t } = r;
    if (r.content.bonusMode !== 'on_click' || r.content.bonusPoints <= 0)
      return sendHtml(reply, 200, await this.balancePage(t, r.claims.subscriberId, t.t('page.loyalty.yourPoints')));
    if (await this.ledger.hasEntry(bonusKey(r.claims.campaignId, r.claims.subscriberId))) {
      return sendHtml(reply, 200, await this.balancePage(t, r.claims.subscriberId, t.t('page.loyalty.already')));
    }
    // The bonus is credited once the scanner rules have judged the click (LoyaltyActExecutor).
    await this.gate.propose('loyalty', r.claims, LOYALTY_PATH, {}, how);
    sendHtml(
      reply,
      200,
      messagePage(t, t.t('page.loyalty.added', { points: r.content.bonusPoints }), [r.content.headline]),
    );
  }

  /** Pages from before one-click bonuses were judged posted here: the same way. */
  @Post(':token')
  async collect(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    await this.show(token, reply, 'form');
  }

  private async balancePage(t: Translator, subscriberId: number, title: string): Promise<string> {
    return messagePage(t, title, [t.t('page.loyalty.balance', { points: await this.ledger.balance(subscriberId) })]);
  }
}
