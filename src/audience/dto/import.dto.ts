import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CSV_ENCODINGS, type CsvDelimiter, type CsvEncoding } from '../imports/csv-dialect';
import { CONSENT_BASES, ConsentBasis, IMPORT_MODES, ImportMode, ImportStatus } from '../imports/import-run.entity';

// Documentation of the multipart form; the upload handler validates the fields itself.
export class CreateImportDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'The CSV file: ",", ";", tab or "|" separated; UTF-8, UTF-16 or Windows-1252 (detected)',
  })
  file: unknown;
  @ApiPropertyOptional({ description: 'List to add imported subscribers to' }) listId?: number;
  @ApiPropertyOptional({
    enum: IMPORT_MODES,
    default: 'upsert',
    description: 'add: new only; update: existing only; upsert: both',
  })
  mode?: ImportMode;
  @ApiPropertyOptional({
    description:
      'JSON: column header → field. Without it, an "email"/"e-mail" column, a "name"/"naam" column and every other column as an attribute.',
    example: '{"email":"E-mail","name":"Naam","attributes":{"city":"Stad"}}',
  })
  mapping?: string;
  @ApiPropertyOptional({
    enum: CSV_ENCODINGS,
    description: 'The encoding the file was saved in; overrides detection. Bytes that do not fit fail their line.',
  })
  encoding?: CsvEncoding;
  @ApiPropertyOptional({
    enum: CONSENT_BASES,
    description:
      'opted-in: the people agreed (give consentAt and consentSource; recorded on their consent records); double-opt-in: they join the list unconfirmed and get the confirmation mail (needs listId)',
  })
  consentBasis?: ConsentBasis;
  @ApiPropertyOptional({ example: 'sign-up form on shop.example', description: 'Where they opted in (opted-in)' })
  consentSource?: string;
  @ApiPropertyOptional({ example: '2024-03-01', description: 'When they opted in (opted-in), not in the future' })
  consentAt?: string;
}

export class ImportProgressDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: ['queued', 'running', 'finished', 'failed'] }) status: ImportStatus;
  @ApiProperty() fileName: string;
  @ApiProperty({ nullable: true, type: Number }) listId: number | null;
  @ApiProperty({ enum: IMPORT_MODES }) mode: ImportMode;
  @ApiProperty({ enum: CSV_ENCODINGS, nullable: true, description: 'The encoding the file is read in' })
  encoding: CsvEncoding | null;
  @ApiProperty({ description: 'true when the encoding was chosen at upload, false when detected' })
  encodingChosen: boolean;
  @ApiProperty({ enum: [',', ';', '\t', '|'], nullable: true, description: 'The separator the file is read with' })
  delimiter: CsvDelimiter | null;
  @ApiProperty() rowsRead: number;
  @ApiProperty() imported: number;
  @ApiProperty() updated: number;
  @ApiProperty() skipped: number;
  @ApiProperty() failed: number;
  @ApiProperty() bytesRead: number;
  @ApiProperty() bytesTotal: number;
  @ApiProperty({ description: '0–100, by bytes read' }) percent: number;
  @ApiProperty({ description: 'Rows per second so far' }) rate: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Seconds left, estimated from bytes read' }) etaSeconds:
    number | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty({ nullable: true, type: Date }) startedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) finishedAt: Date | null;
  @ApiProperty({ nullable: true, enum: CONSENT_BASES }) consentBasis: ConsentBasis | null;
  @ApiProperty({ nullable: true, type: String }) consentSource: string | null;
  @ApiProperty({ nullable: true, type: Date }) consentAt: Date | null;
}
