import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '../../common/db/columns';

/** The current answer of one recipient; earlier answers live on in the event log. */
@Entity('poll_answers')
@Index('uq_poll_answers_campaign_subscriber', ['campaignId', 'subscriberId'], { unique: true })
export class PollAnswer {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'campaign_id', type: 'integer' })
  campaignId: number;

  @Column({ name: 'subscriber_id', type: 'integer' })
  subscriberId: number;

  @Column({ name: 'delivery_id', type: 'integer' })
  deliveryId: number;

  @Column({ type: 'varchar', length: 16 })
  value: string;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @TimestampColumn({ name: 'answered_at' })
  answeredAt: Date;

  @CreatedAtColumn()
  createdAt: Date;
}
