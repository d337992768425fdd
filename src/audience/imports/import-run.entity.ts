import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CsvDelimiter, CsvEncoding } from './csv-dialect';
import { CreatedAtColumn, JsonColumn, TimestampColumn, UpdatedAtColumn } from '../../common/db/columns';

export const IMPORT_MODES = ['add', 'update', 'upsert'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
export const CONSENT_BASES = ['opted-in', 'double-opt-in'] as const;
/** opted-in: the file's people consented (date and source recorded); double-opt-in: each gets a confirmation mail. */
export type ConsentBasis = (typeof CONSENT_BASES)[number];
export type ImportStatus = 'queued' | 'running' | 'finished' | 'failed';

/** Column header → field. */
export interface ImportMapping {
  email: string;
  name?: string;
  firstName?: string;
  lastName?: string;
  /** columns joined with a space into the name ("Voornaam", "Tussenvoegsel", "Achternaam") */
  nameFrom?: string[];
  externalId?: string;
  locale?: string;
  timezone?: string;
  attributes?: Record<string, string>;
  /** a column holding a JSON object of attributes (listmonk, Keila) */
  attributesFrom?: string;
}

/** One CSV import and its progress; counters are committed with each batch. */
@Entity('imports')
export class ImportRun {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName: string;

  @Column({ name: 'stored_path', type: 'varchar', length: 500 })
  storedPath: string;

  @Column({ name: 'list_id', type: 'integer', nullable: true })
  listId: number | null;

  @Column({ type: 'varchar', length: 8 })
  mode: ImportMode;

  @JsonColumn()
  mapping: ImportMapping;

  /** Null for imports made before the wizard asked (and API clients that do not say). */
  @Column({ name: 'consent_basis', type: 'varchar', length: 16, nullable: true })
  consentBasis: ConsentBasis | null;

  /** Where the opted-in people gave consent ("signup form on shop.example", "trade fair 2024"). */
  @Column({ name: 'consent_source', type: 'varchar', length: 200, nullable: true })
  consentSource: string | null;

  /** When they opted in, as the marketer states it. */
  @TimestampColumn({ name: 'consent_at', nullable: true })
  consentAt: Date | null;

  @Column({ type: 'varchar', length: 16 })
  status: ImportStatus;

  /** The encoding the file is read in (chosen, else detected at upload); null for imports from before it was kept. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  encoding: CsvEncoding | null;

  @Column({ name: 'encoding_chosen', type: 'boolean', default: false })
  encodingChosen: boolean;

  @Column({ type: 'varchar', length: 4, nullable: true })
  delimiter: CsvDelimiter | null;

  @Column({
    name: 'bytes_total',
    type: 'bigint',
    default: 0,
    transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) },
  })
  bytesTotal: number;

  @Column({
    name: 'bytes_read',
    type: 'bigint',
    default: 0,
    transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) },
  })
  bytesRead: number;

  /** Last CSV line whose row is committed: a retried job resumes after it. */
  @Column({ name: 'lines_done', type: 'integer', default: 0 })
  linesDone: number;

  @Column({ name: 'rows_read', type: 'integer', default: 0 })
  rowsRead: number;

  @Column({ type: 'integer', default: 0 })
  imported: number;

  @Column({ type: 'integer', default: 0 })
  updated: number;

  @Column({ type: 'integer', default: 0 })
  skipped: number;

  @Column({ type: 'integer', default: 0 })
  failed: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @TimestampColumn({ name: 'started_at', nullable: true })
  startedAt: Date | null;

  @TimestampColumn({ name: 'finished_at', nullable: true })
  finishedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
