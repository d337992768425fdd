import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../common/db/columns';

export const POINTS_ENTRY_TYPES = ['earn', 'redeem', 'expire', 'adjust'] as const;
export type PointsEntryType = (typeof POINTS_ENTRY_TYPES)[number];

/** The append-only points ledger: a balance is the sum of a subscriber's rows, never a stored number. */
@Entity('points_ledger')
@Index('ix_points_ledger_subscriber', ['subscriberId', 'createdAt'])
@Index('ix_points_ledger_campaign_subscriber', ['campaignId', 'subscriberId'])
export class PointsEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'subscriber_id', type: 'integer' })
  subscriberId: number;

  @Column({ name: 'entry_type', type: 'varchar', length: 16 })
  entryType: PointsEntryType;

  /** Signed: earn and positive adjust add, redeem, expire and negative adjust subtract. */
  @Column({ type: 'integer' })
  points: number;

  @Column({ type: 'varchar', length: 300 })
  reason: string;

  @Column({ name: 'campaign_id', type: 'integer', nullable: true })
  campaignId: number | null;

  @Column({ name: 'order_id', type: 'varchar', length: 120, nullable: true })
  orderId: string | null;

  @Index('uq_points_ledger_idempotency_key', { unique: true })
  @Column({ name: 'idempotency_key', type: 'varchar', length: 200 })
  idempotencyKey: string;

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;
}
