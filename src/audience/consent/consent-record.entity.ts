import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../common/db/columns';

export const CONSENT_ACTIONS = ['subscribe', 'confirm', 'unsubscribe'] as const;
export type ConsentAction = (typeof CONSENT_ACTIONS)[number];
export const CONSENT_METHODS = ['import', 'api', 'form', 'email_link', 'one_click'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** GDPR Art. 7 evidence: one row per subscribe, confirm or unsubscribe. Append-only. */
@Entity('consent_records')
@Index('ix_consent_records_subscriber', ['subscriberId'])
export class ConsentRecord {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'subscriber_id', type: 'integer' })
  subscriberId: number;

  @Column({ name: 'list_id', type: 'integer', nullable: true })
  listId: number | null;

  @Column({ type: 'varchar', length: 16 })
  action: ConsentAction;

  @Column({ type: 'varchar', length: 16 })
  method: ConsentMethod;

  /** Import id, form name or API key context. */
  @Column({ type: 'varchar', length: 120, nullable: true })
  source: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 400, nullable: true })
  userAgent: string | null;

  @TimestampColumn()
  at: Date;
}
