import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, JsonColumn, UpdatedAtColumn } from '../common/db/columns';

export type OptInMode = 'single' | 'double';

@Entity('lists')
export class MailingList {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'opt_in', type: 'varchar', length: 8, default: 'single' })
  optIn: OptInMode;

  /** Whether POST /public/lists/{id}/subscribe accepts sign-ups for this list. */
  @Column({ name: 'public_form', type: 'boolean', default: false })
  publicForm: boolean;

  @JsonColumn({ default: '[]' })
  tags: string[];

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
