import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, JsonColumn, TimestampColumn } from '../common/db/columns';

export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'failed', 'suppressed', 'uncertain'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One message of one campaign to one subscriber: the database, not the queue, says what was sent. */
@Entity('deliveries')
@Index('uq_deliveries_campaign_subscriber', ['campaignId', 'subscriberId'], { unique: true })
@Index('ix_deliveries_claim', ['campaignId', 'status', 'id'])
export class Delivery {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'campaign_id', type: 'integer' })
  campaignId: number;

  @Column({ name: 'subscriber_id', type: 'integer' })
  subscriberId: number;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Set when a lease expired once: the one case where a duplicate is possible. */
  @Column({ name: 'was_uncertain', type: 'boolean', default: false })
  wasUncertain: boolean;

  @Column({ name: 'claim_token', type: 'varchar', length: 32, nullable: true })
  claimToken: string | null;

  @TimestampColumn({ name: 'lease_until', nullable: true })
  leaseUntil: Date | null;

  @TimestampColumn({ name: 'next_attempt_at', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ name: 'message_id', type: 'varchar', length: 200, nullable: true })
  messageId: string | null;

  @Column({ name: 'smtp_response', type: 'varchar', length: 500, nullable: true })
  smtpResponse: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;

  /** Per-recipient kind data fixed at fan-out (coupon code...). */
  @JsonColumn({ name: 'kind_data', nullable: true })
  kindData: Record<string, unknown> | null;

  /** What came back after acceptance: a DSN (hard/soft) or an ARF complaint. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  bounce: 'hard' | 'soft' | 'complaint' | null;

  @TimestampColumn({ name: 'sent_at', nullable: true })
  sentAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}
