import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, JsonColumn, TimestampColumn, UpdatedAtColumn } from '../common/db/columns';

export const SUBSCRIBER_STATUSES = ['active', 'unsubscribed', 'bounced', 'complained', 'blocklisted'] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

@Entity('subscribers')
export class Subscriber {
  @PrimaryGeneratedColumn()
  id: number;

  /** Normalised (see normaliseEmail); null once erased. */
  @Index('uq_subscribers_email', { unique: true })
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  /** emailHash(email), to match suppressions in SQL; null once erased. */
  @Index('ix_subscribers_email_hash')
  @Column({ name: 'email_hash', type: 'varchar', length: 64, nullable: true })
  emailHash: string | null;

  @Column({ type: 'varchar', length: 200, default: '' })
  name: string;

  @Column({ name: 'first_name', type: 'varchar', length: 100, default: '' })
  firstName: string;

  @Column({ name: 'last_name', type: 'varchar', length: 100, default: '' })
  lastName: string;

  @JsonColumn({ default: '{}' })
  attributes: Record<string, unknown>;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: SubscriberStatus;

  /** The marketer's own id for this person (CRM, shop), for conversion posts. */
  @Column({ name: 'external_id', type: 'varchar', length: 120, nullable: true })
  externalId: string | null;

  @Column({ type: 'varchar', length: 8, default: 'en' })
  locale: string;

  /** IANA timezone (canonical spelling), for local-time sending and anniversaries; null = unknown. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  timezone: string | null;

  /** When set, no individual tracking: only anonymous counters. */
  @Column({ name: 'tracking_opt_out', type: 'boolean', default: false })
  trackingOptOut: boolean;

  /** The import run that last added or updated this subscriber (the wizard links to "the imported people"). */
  @Index('ix_subscribers_import')
  @Column({ name: 'import_id', type: 'integer', nullable: true })
  importId: number | null;

  @TimestampColumn({ name: 'erased_at', nullable: true })
  erasedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
