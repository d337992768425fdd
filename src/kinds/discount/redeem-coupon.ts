import { ApiProperty } from '@nestjs/swagger';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { dbTime, execute, sql } from '../../common/db/sql-dialect';
import { EventWriter } from '../../events/event-writer';
import { normaliseCode } from '../common/code.generator';
import { KindException } from '../common/kind.exception';
import type { DiscountContent } from './discount.content';

export class CouponOffer {
  @ApiProperty({ example: 'percent' }) type: string;
  @ApiProperty({ nullable: true, type: Number }) value: number | null;
  @ApiProperty({ nullable: true, type: String }) currency: string | null;
}

export class RedemptionResult {
  @ApiProperty() code: string;
  @ApiProperty() orderId: string;
  @ApiProperty() amount: number;
  @ApiProperty() campaignId: number;
  @ApiProperty({ nullable: true, type: Number }) subscriberId: number | null;
  @ApiProperty({ type: CouponOffer }) offer: CouponOffer;
  @ApiProperty() redeemedAt: Date;
}

export class RolledBackCoupon {
  @ApiProperty() code: string;
  @ApiProperty() orderId: string;
  @ApiProperty({ enum: [true] }) rolledBack: true;
}

interface CouponRow {
  id: number;
  campaign_id: number;
  subscriber_id: number | null;
  code: string;
  content: string;
  erased_at: unknown;
}

/** Validates and records a coupon redemption, with one clear reason per refusal. */
@Injectable()
export class RedeemCoupon {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventWriter,
    private readonly clock: Clock,
  ) {}

  async redeem(rawCode: string, orderId: string, amount: number): Promise<RedemptionResult> {
    const coupon = await this.find(rawCode);
    const content = JSON.parse(coupon.content) as DiscountContent;
    const now = this.clock.now();
    if (content.validFrom && now < new Date(content.validFrom))
      throw new KindException('coupon_not_yet_valid', `Code ${coupon.code} is valid from ${content.validFrom}`, 422);
    if (content.validUntil && now > new Date(content.validUntil))
      throw new KindException('coupon_expired', `Code ${coupon.code} expired at ${content.validUntil}`, 422);
    if (content.minOrder !== undefined && amount < content.minOrder) {
      throw new KindException(
        'coupon_min_order',
        `Code ${coupon.code} needs an order of at least ${content.minOrder}${content.currency ? ` ${content.currency}` : ''}; this one is ${amount}`,
        422,
      );
    }
    if (coupon.subscriber_id !== null && coupon.erased_at)
      throw new KindException(
        'coupon_subscriber_erased',
        `Code ${coupon.code} belonged to a subscriber whose data was erased`,
        422,
      );
    const ds = this.dataSource;
    const personal = coupon.subscriber_id !== null;
    const activeKey = personal ? `c:${coupon.id}` : `c:${coupon.id}:o:${orderId}`;
    const inserted = await execute(
      ds,
      `INSERT INTO coupon_redemptions (coupon_id, campaign_id, subscriber_id, order_id, amount, status, active_key, redeemed_at)
      VALUES (?, ?, ?, ?, ?, 'redeemed', ?, ?) ON CONFLICT (active_key) DO NOTHING`,
      [coupon.id, coupon.campaign_id, coupon.subscriber_id, orderId, amount, activeKey, dbTime(ds, now)],
    );
    if (inserted !== 1) {
      const [existing] = await ds.query(
        sql(ds, 'SELECT order_id, redeemed_at FROM coupon_redemptions WHERE active_key = ?'),
        [activeKey],
      );
      throw new KindException(
        'coupon_redeemed',
        personal
          ? `Code ${coupon.code} was already redeemed (order ${existing?.order_id})`
          : `Code ${coupon.code} was already redeemed for order ${orderId}`,
        409,
        { orderId: existing?.order_id ?? orderId },
      );
    }
    await this.events.record({
      type: 'coupon_redeemed',
      campaignId: Number(coupon.campaign_id),
      subscriberId: coupon.subscriber_id === null ? null : Number(coupon.subscriber_id),
      occurredAt: now,
      data: { code: coupon.code, orderId, amount },
      dedupeKey: `coupon:${activeKey}:${now.getTime()}`,
    });
    return {
      code: coupon.code,
      orderId,
      amount,
      campaignId: Number(coupon.campaign_id),
      subscriberId: coupon.subscriber_id === null ? null : Number(coupon.subscriber_id),
      offer: { type: content.offerType, value: content.value ?? null, currency: content.currency ?? null },
      redeemedAt: now,
    };
  }

  /** Undoes a redemption (order cancelled): the code becomes redeemable again. */
  async rollback(
    rawCode: string,
    orderId: string | undefined,
  ): Promise<{ code: string; orderId: string; rolledBack: true }> {
    const coupon = await this.find(rawCode);
    const ds = this.dataSource;
    const personal = coupon.subscriber_id !== null;
    if (!personal && !orderId)
      throw new KindException(
        'coupon_not_redeemed',
        `Code ${coupon.code} is shared: name the orderId whose redemption to roll back`,
        422,
      );
    const activeKey = personal ? `c:${coupon.id}` : `c:${coupon.id}:o:${orderId}`;
    const [existing] = await ds.query(sql(ds, 'SELECT id, order_id FROM coupon_redemptions WHERE active_key = ?'), [
      activeKey,
    ]);
    if (!existing || (orderId && existing.order_id !== orderId))
      throw new KindException(
        'coupon_not_redeemed',
        `Code ${coupon.code} has no redemption${orderId ? ` for order ${orderId}` : ''} to roll back`,
        409,
      );
    const now = this.clock.now();
    const changed = await execute(
      ds,
      "UPDATE coupon_redemptions SET status = 'rolled_back', active_key = NULL, rolled_back_at = ? WHERE id = ? AND active_key = ?",
      [dbTime(ds, now), existing.id, activeKey],
    );
    if (changed !== 1)
      throw new KindException('coupon_not_redeemed', `Code ${coupon.code} was rolled back by another call`, 409);
    await this.events.record({
      type: 'coupon_rolled_back',
      campaignId: Number(coupon.campaign_id),
      subscriberId: coupon.subscriber_id === null ? null : Number(coupon.subscriber_id),
      occurredAt: now,
      data: { code: coupon.code, orderId: existing.order_id },
      dedupeKey: `coupon-rollback:${existing.id}`,
    });
    return { code: coupon.code, orderId: existing.order_id, rolledBack: true };
  }

  private async find(rawCode: string): Promise<CouponRow> {
    const code = normaliseCode(rawCode);
    const ds = this.dataSource;
    const [coupon]: CouponRow[] = await ds.query(
      sql(
        ds,
        `SELECT k.id, k.campaign_id, k.subscriber_id, k.code, c.content, s.erased_at FROM coupons k
      JOIN campaigns c ON c.id = k.campaign_id LEFT JOIN subscribers s ON s.id = k.subscriber_id WHERE k.code = ?`,
      ),
      [code],
    );
    if (!coupon) throw new KindException('coupon_unknown', `Code ${code} does not exist`, 422);
    return coupon;
  }
}
