import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A rejected CSV row: line number and reason (downloadable as errors.csv). */
@Entity('import_errors')
@Index('ix_import_errors_import', ['importId', 'line'])
export class ImportError {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'import_id', type: 'integer' })
  importId: number;

  @Column({ type: 'integer' })
  line: number;

  @Column({ type: 'varchar', length: 200 })
  reason: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  value: string | null;

  @Index('ix_import_errors_email_hash')
  @Column({ name: 'email_hash', type: 'varchar', length: 64, nullable: true })
  emailHash: string | null;
}
