import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, JsonColumn, TimestampColumn, UpdatedAtColumn } from '../common/db/columns';
import type { AudienceSpec } from '../audience/audience-query.service';
import type { CampaignKind } from './campaign-kind';
import type { UtmSettings } from '../tracking/utm';
import type { CampaignStatus } from './campaign-status';

@Entity('campaigns')
@Index('ix_campaigns_status_scheduled', ['status', 'scheduledAt'])
export class Campaign {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 16 })
  kind: CampaignKind;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 500 })
  subject: string;

  @Column({ type: 'varchar', length: 500, default: '' })
  preheader: string;

  @Column({ name: 'from_name', type: 'varchar', length: 200, default: '' })
  fromName: string;

  @Column({ name: 'from_email', type: 'varchar', length: 254, default: '' })
  fromEmail: string;

  @Column({ name: 'reply_to', type: 'varchar', length: 254, nullable: true })
  replyTo: string | null;

  @JsonColumn()
  audience: AudienceSpec;

  @JsonColumn({ default: '{}' })
  content: Record<string, unknown>;

  @Column({ name: 'custom_mjml', type: 'text', nullable: true })
  customMjml: string | null;

  @Column({ type: 'varchar', length: 8, default: 'en' })
  locale: string;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: CampaignStatus;

  @Column({ name: 'status_reason', type: 'varchar', length: 500, nullable: true })
  statusReason: string | null;

  @TimestampColumn({ name: 'scheduled_at', nullable: true })
  scheduledAt: Date | null;

  @Column({ type: 'varchar', length: 64, default: 'UTC' })
  timezone: string;

  @Column({ type: 'varchar', length: 64, default: 'default' })
  transport: string;

  /** The original URLs of the compiled message, in link-index order: /r/ redirects only here. */
  @JsonColumn({ default: '[]' })
  links: string[];

  /** utm_* parameters the click redirect adds to every link (existing ones win). */
  @JsonColumn({ nullable: true })
  utm: UtmSettings | null;

  /** Highest subscriber id snapshotted into deliveries: fan-out resumes past it. */
  @Column({ name: 'fanout_cursor', type: 'integer', default: 0 })
  fanoutCursor: number;

  @Column({ name: 'fanout_done', type: 'boolean', default: false })
  fanoutDone: boolean;

  // Live counters, moved in the same transaction as the delivery rows they count.
  @Column({ name: 'total_count', type: 'integer', default: 0 })
  totalCount: number;

  @Column({ name: 'sent_count', type: 'integer', default: 0 })
  sentCount: number;

  @Column({ name: 'failed_count', type: 'integer', default: 0 })
  failedCount: number;

  @Column({ name: 'suppressed_count', type: 'integer', default: 0 })
  suppressedCount: number;

  @Column({ name: 'uncertain_count', type: 'integer', default: 0 })
  uncertainCount: number;

  @Column({ name: 'hard_bounce_count', type: 'integer', default: 0 })
  hardBounceCount: number;

  @Column({ name: 'soft_bounce_count', type: 'integer', default: 0 })
  softBounceCount: number;

  @Column({ name: 'complaint_count', type: 'integer', default: 0 })
  complaintCount: number;

  @TimestampColumn({ name: 'started_at', nullable: true })
  startedAt: Date | null;

  @TimestampColumn({ name: 'finished_at', nullable: true })
  finishedAt: Date | null;

  @TimestampColumn({ name: 'last_batch_at', nullable: true })
  lastBatchAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
