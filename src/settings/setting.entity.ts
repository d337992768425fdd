import { Entity, PrimaryColumn } from 'typeorm';
import { JsonColumn, UpdatedAtColumn } from '../common/db/columns';

/** One group of settings edited in the web app (brand, tracking, dkim), as JSON. */
@Entity('settings')
export class Setting {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @JsonColumn()
  value: unknown;

  @UpdatedAtColumn()
  updatedAt: Date;
}
