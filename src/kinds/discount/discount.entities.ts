import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../common/db/columns';

/** A code a campaign issued: one per recipient (unique mode) or one shared row (subscriber null). */
@Entity('coupons')
export class Coupon {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_coupons_campaign')
  @Column({ name: 'campaign_id', type: 'integer' })
  campaignId: number;

  @Column({ name: 'subscriber_id', type: 'integer', nullable: true })
  subscriberId: number | null;

  @Index('uq_coupons_code', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;
}

/**
 * A redemption. active_key is UNIQUE while the redemption stands (the code for
 * a personal coupon, code + order for a shared one) and cleared on rollback, so
 * ten racing redeem calls make one redemption.
 */
@Entity('coupon_redemptions')
@Index('ix_coupon_redemptions_campaign_subscriber', ['campaignId', 'subscriberId'])
export class CouponRedemption {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'coupon_id', type: 'integer' })
  couponId: number;

  @Index('ix_coupon_redemptions_campaign')
  @Column({ name: 'campaign_id', type: 'integer' })
  campaignId: number;

  @Column({ name: 'subscriber_id', type: 'integer', nullable: true })
  subscriberId: number | null;

  @Column({ name: 'order_id', type: 'varchar', length: 120 })
  orderId: string;

  @Column({ type: 'decimal', precision: 14, scale: 2 })
  amount: string;

  @Column({ type: 'varchar', length: 16 })
  status: 'redeemed' | 'rolled_back';

  @Index('uq_coupon_redemptions_active', { unique: true })
  @Column({ name: 'active_key', type: 'varchar', length: 200, nullable: true })
  activeKey: string | null;

  @TimestampColumn({ name: 'redeemed_at' })
  redeemedAt: Date;

  @TimestampColumn({ name: 'rolled_back_at', nullable: true })
  rolledBackAt: Date | null;
}

/** A trial started from a campaign's signed link: one per recipient. */
@Entity('trials')
@Index('uq_trials_campaign_subscriber', ['campaignId', 'subscriberId'], { unique: true })
export class Trial {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'campaign_id', type: 'integer' })
  campaignId: number;

  @Column({ name: 'subscriber_id', type: 'integer' })
  subscriberId: number;

  @Column({ name: 'delivery_id', type: 'integer' })
  deliveryId: number;

  @Column({ type: 'varchar', length: 80 })
  plan: string;

  @TimestampColumn({ name: 'started_at' })
  startedAt: Date;

  @TimestampColumn({ name: 'ends_at' })
  endsAt: Date;
}
