import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../../common/db/columns';

export type GiftClaimStatus = 'pending' | 'claimed';

export interface ShippingAddress {
  name: string;
  street: string;
  postcode: string;
  city: string;
  country: string;
}

/** One recipient's claim; database-unique per campaign and subscriber. */
@Entity('gift_claims')
@Index('uq_gift_claims_campaign_subscriber', ['campaignId', 'subscriberId'], { unique: true })
export class GiftClaim {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'campaign_id', type: 'integer' })
  campaignId: number;

  @Column({ name: 'subscriber_id', type: 'integer' })
  subscriberId: number;

  @Column({ name: 'delivery_id', type: 'integer' })
  deliveryId: number;

  /** pending while the stock is being taken, claimed once it is. */
  @Column({ type: 'varchar', length: 16 })
  status: GiftClaimStatus;

  @Column({ type: 'varchar', length: 64, nullable: true })
  code: string | null;

  @JsonColumn({ nullable: true })
  address: ShippingAddress | null;

  @TimestampColumn({ name: 'claimed_at' })
  claimedAt: Date;
}

/** What is left of a campaign's limited gift: decremented by one conditional UPDATE, never below zero. */
@Entity('gift_stocks')
export class GiftStock {
  @PrimaryColumn({ name: 'campaign_id', type: 'integer' })
  campaignId: number;

  @Column({ name: 'stock_left', type: 'integer' })
  stockLeft: number;
}
