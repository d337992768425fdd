import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../../common/db/columns';

export const UNSUBSCRIBE_REASONS = ['too_many', 'not_relevant', 'never_signed_up', 'other'] as const;
export type UnsubscribeReason = (typeof UNSUBSCRIBE_REASONS)[number];
export const MAX_FEEDBACK_NOTE = 500;

/** An optional answer to "why did you leave?", given on the page after unsubscribing. */
@Entity('unsubscribe_feedback')
export class UnsubscribeFeedback {
  @PrimaryGeneratedColumn()
  id: number;

  /** Null once the person is erased: the reason still counts, nobody is named. */
  @Column({ name: 'subscriber_id', type: 'integer', nullable: true })
  subscriberId: number | null;

  /** The list they left; null when they left everything. */
  @Column({ name: 'list_id', type: 'integer', nullable: true })
  listId: number | null;

  @Column({ name: 'campaign_id', type: 'integer', nullable: true })
  campaignId: number | null;

  @Column({ type: 'varchar', length: 32 })
  reason: UnsubscribeReason;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreatedAtColumn()
  createdAt: Date;
}
