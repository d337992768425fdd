import { Column, Entity, PrimaryColumn } from 'typeorm';
import { UpdatedAtColumn } from '../common/db/columns';

/** How far one consumer of the event log (scores, webhooks) has read. */
@Entity('event_cursors')
export class EventCursor {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  @Column({ name: 'last_id', type: 'integer', default: 0 })
  lastId: number;

  @UpdatedAtColumn()
  updatedAt: Date;
}
