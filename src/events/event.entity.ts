import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, JsonColumn, TimestampColumn } from '../common/db/columns';
import type { EventType } from './event-types';

/** One measured interaction. Appended, never edited: scores are derived from these rows. */
@Entity('events')
@Index('ix_events_subscriber_time', ['subscriberId', 'occurredAt'])
@Index('ix_events_campaign_type_machine', ['campaignId', 'type', 'machine', 'deliveryId'])
@Index('ix_events_type_time', ['type', 'occurredAt'])
@Index('ix_events_delivery_type_time', ['deliveryId', 'type', 'occurredAt'])
@Index('ix_events_campaign_subscriber', ['campaignId', 'subscriberId'])
export class TrackedEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 32 })
  type: EventType;

  @Column({ name: 'campaign_id', type: 'integer', nullable: true })
  campaignId: number | null;

  @Column({ name: 'delivery_id', type: 'integer', nullable: true })
  deliveryId: number | null;

  /** Null for anonymous counts (tracking opt-out) and after erasure. */
  @Column({ name: 'subscriber_id', type: 'integer', nullable: true })
  subscriberId: number | null;

  @TimestampColumn({ name: 'occurred_at' })
  occurredAt: Date;

  @JsonColumn({ default: '{}' })
  data: Record<string, unknown>;

  /** Not a person: privacy-proxy prefetch, link scanner... Kept, but out of human metrics and scores. */
  @Column({ type: 'boolean', default: false })
  machine: boolean;

  @Column({ name: 'machine_reason', type: 'varchar', length: 64, nullable: true })
  machineReason: string | null;

  /** A repeat of an act already counted (a second open of one message, a changed poll answer): kept, counted once. */
  @Column({ type: 'boolean', default: false })
  repeat: boolean;

  /** Truncated or hashed per the privacy setting. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 300, nullable: true })
  userAgent: string | null;

  /** Makes a replayed write (buffer redelivery, Idempotency-Key) a no-op. */
  @Index('uq_events_dedupe_key', { unique: true })
  @Column({ name: 'dedupe_key', type: 'varchar', length: 120, nullable: true })
  dedupeKey: string | null;

  @CreatedAtColumn()
  createdAt: Date;
}
