import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn } from '../common/db/columns';

export type SuppressionReason = 'unsubscribed' | 'bounced' | 'complained' | 'blocklisted' | 'erased';

/** Addresses never to be mailed, keyed by emailHash so it outlives erasure. */
@Entity('suppressions')
export class Suppression {
  @PrimaryColumn({ name: 'email_hash', type: 'varchar', length: 64 })
  emailHash: string;

  @Column({ type: 'varchar', length: 16 })
  reason: SuppressionReason;

  @Column({ type: 'varchar', length: 200, default: '' })
  detail: string;

  @CreatedAtColumn()
  createdAt: Date;
}
