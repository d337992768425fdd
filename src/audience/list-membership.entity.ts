import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn } from '../common/db/columns';

export type MembershipStatus = 'unconfirmed' | 'confirmed' | 'unsubscribed';

/** A subscriber on a list; campaigns mail only confirmed members. */
@Entity('list_memberships')
@Index('ix_list_memberships_subscriber', ['subscriberId'])
export class ListMembership {
  @PrimaryColumn({ name: 'list_id', type: 'integer' })
  listId: number;

  @PrimaryColumn({ name: 'subscriber_id', type: 'integer' })
  subscriberId: number;

  @Column({ type: 'varchar', length: 16 })
  status: MembershipStatus;

  @TimestampColumn({ name: 'confirmed_at', nullable: true })
  confirmedAt: Date | null;

  @TimestampColumn({ name: 'unsubscribed_at', nullable: true })
  unsubscribedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
