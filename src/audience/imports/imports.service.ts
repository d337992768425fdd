import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, StreamableFile } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { stringify } from 'csv-stringify';
import type { Multipart } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource, Repository } from 'typeorm';
import { Clock } from '../../common/clock';
import { DomainException } from '../../common/domain.exception';
import type { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { AudienceErrorCode, AudienceException } from '../audience.exception';
import { ImportProgressDto } from '../dto/import.dto';
import { neutraliseCell } from '../exports/csv-cell';
import { ListsService } from '../lists/lists.service';
import { ImportCsvJob, IMPORT_QUEUE } from './import-csv.processor';
import { ImportError } from './import-error.entity';
import { importErrorsCutoff } from './import-errors.retention';
import { guessMapping, parseMapping, resolveMapping } from './import-mapping';
import { CONSENT_BASES, ConsentBasis, IMPORT_MODES, ImportMapping, ImportMode, ImportRun } from './import-run.entity';
import { CsvDialect, readCsv, sniffDialect } from './csv-records';
import { CSV_ENCODINGS, CsvEncoding, parseCsvEncoding } from './csv-dialect';
import { parseWholeNumber, wholeNumberMessage } from '../../common/whole-number';

function invalid(message: string): AudienceException {
  return new AudienceException(AudienceErrorCode.InvalidImport, message);
}

async function* multipartParts(request: FastifyRequest): AsyncGenerator<Multipart> {
  try {
    yield* request.parts();
  } catch (error) {
    throw unreadableUpload(error);
  }
}

// busboy's parse errors ("Multipart: Boundary not found", "Unexpected end of form") carry no status.
function unreadableUpload(error: unknown): unknown {
  if (error instanceof DomainException || typeof (error as { statusCode?: unknown })?.statusCode === 'number')
    return error;
  return invalid(
    `The upload is not a readable multipart/form-data body (${(error as Error)?.message ?? 'unknown problem'}); send the CSV in a "file" field`,
  );
}

@Injectable()
export class ImportsService {
  constructor(
    @InjectRepository(ImportRun) private readonly runs: Repository<ImportRun>,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(IMPORT_QUEUE) private readonly queue: Queue<ImportCsvJob>,
    @InjectConfig() private readonly config: AppConfig,
    private readonly lists: ListsService,
    private readonly clock: Clock,
  ) {}

  /** Receives a multipart upload (file streamed to disk), checks it and queues the import. */
  async upload(request: FastifyRequest): Promise<ImportProgressDto> {
    if (!request.isMultipart()) throw invalid('Send the CSV as multipart/form-data with a "file" field');
    const dir = join(this.config.dataDir, 'imports');
    await mkdir(dir, { recursive: true });
    const fields: Record<string, string> = {};
    let file: { path: string; name: string } | undefined;
    try {
      for await (const part of multipartParts(request)) {
        if (part.type === 'field') {
          fields[part.fieldname] = String(part.value);
        } else if (part.fieldname !== 'file' || file) {
          part.file.resume();
          throw invalid('Send exactly one file, in the "file" field');
        } else {
          file = {
            path: join(dir, `${randomUUID()}.csv`),
            name: basename(part.filename || 'upload.csv').slice(0, 255),
          };
          await pipeline(part.file, createWriteStream(file.path));
          if (part.file.truncated) throw invalid('The file is larger than the upload limit');
        }
      }
      if (!file) throw invalid('No file: send the CSV in the "file" field');
      return await this.start(file, fields);
    } catch (error) {
      if (file) await rm(file.path, { force: true });
      throw error;
    }
  }

  async start(
    file: { path: string; name: string },
    fields: Record<string, string | undefined>,
  ): Promise<ImportProgressDto> {
    const known = ['listId', 'mode', 'mapping', 'encoding', 'consentBasis', 'consentSource', 'consentAt'];
    const unknown = Object.keys(fields).filter((k) => !known.includes(k));
    if (unknown.length) throw invalid(`${unknown.join(', ')} is not a known field (use file, ${known.join(', ')})`);
    let chosen: CsvEncoding | undefined;
    if (fields.encoding) {
      chosen = parseCsvEncoding(fields.encoding);
      if (!chosen)
        throw invalid(
          `encoding "${fields.encoding.slice(0, 40)}" is not one we read; use one of ${CSV_ENCODINGS.join(', ')} (or leave it out to detect it)`,
        );
    }
    const mode = (fields.mode || 'upsert') as ImportMode;
    if (!IMPORT_MODES.includes(mode)) throw invalid(`mode must be one of ${IMPORT_MODES.join(', ')}`);
    let listId: number | null = null;
    if (fields.listId) {
      listId = parseWholeNumber(fields.listId) ?? null;
      if (listId === null) throw invalid(wholeNumberMessage('listId'));
      await this.lists.get(listId);
    }
    const consent = this.consentBasis(fields, listId);
    const dialect = await sniffDialect(file.path, chosen);
    const header = await this.header(file.path, dialect);
    const mapping: ImportMapping = parseMapping(fields.mapping) ?? guessMapping(header);
    resolveMapping(mapping, header);
    const size = (await stat(file.path)).size;
    const run = await this.runs.save(
      this.runs.create({
        fileName: file.name,
        storedPath: file.path,
        listId,
        mode,
        mapping,
        ...consent,
        status: 'queued',
        encoding: dialect.encoding,
        encodingChosen: chosen !== undefined,
        delimiter: dialect.delimiter,
        bytesTotal: size,
      }),
    );
    await this.queue.add('import', { importId: run.id }, { jobId: `import-${run.id}`, attempts: 1 });
    return this.progress(run.id);
  }

  /**
   * What the file's people agreed to. opted-in: when and where (recorded on each consent record);
   * double-opt-in: they join the list unconfirmed and get the confirmation mail. Optional for API
   * clients that import without a list (the wizard always asks).
   */
  private consentBasis(
    fields: Record<string, string | undefined>,
    listId: number | null,
  ): Pick<ImportRun, 'consentBasis' | 'consentSource' | 'consentAt'> {
    const basis = fields.consentBasis || undefined;
    if (basis === undefined) {
      if (fields.consentSource || fields.consentAt)
        throw invalid('consentSource and consentAt go with consentBasis "opted-in"');
      return { consentBasis: null, consentSource: null, consentAt: null };
    }
    if (!CONSENT_BASES.includes(basis as ConsentBasis))
      throw invalid(
        `consentBasis must be "opted-in" (they agreed; give consentAt and consentSource) or "double-opt-in" (send them a confirmation mail)`,
      );
    if (basis === 'double-opt-in') {
      if (listId === null) throw invalid('consentBasis "double-opt-in" needs a listId: people confirm joining a list');
      if (fields.consentSource || fields.consentAt)
        throw invalid('consentSource and consentAt go with consentBasis "opted-in", not "double-opt-in"');
      return { consentBasis: 'double-opt-in', consentSource: null, consentAt: null };
    }
    const source = (fields.consentSource ?? '').trim();
    if (!source || source.length > 200)
      throw invalid(
        'consentSource must say where they opted in (1–200 characters), e.g. "sign-up form on shop.example"',
      );
    const at = /^\d{4}-\d{2}-\d{2}/.test(fields.consentAt ?? '') ? new Date(fields.consentAt!) : undefined;
    if (!at || Number.isNaN(at.getTime())) throw invalid('consentAt must be the date they opted in, e.g. 2024-03-01');
    if (at.getTime() > this.clock.now().getTime()) throw invalid('consentAt cannot be in the future');
    return { consentBasis: 'opted-in', consentSource: source, consentAt: at };
  }

  async progress(id: number): Promise<ImportProgressDto> {
    const run = await this.runs.findOne({ where: { id } });
    if (!run) throw AudienceException.notFound('Import', id);
    const end = run.finishedAt ?? this.clock.now();
    const seconds = run.startedAt ? Math.max((end.getTime() - run.startedAt.getTime()) / 1000, 0.001) : 0;
    const fraction = run.status === 'finished' ? 1 : run.bytesTotal ? Math.min(run.bytesRead / run.bytesTotal, 1) : 0;
    const eta =
      run.status === 'running' && fraction > 0
        ? Math.round((seconds * (1 - fraction)) / fraction)
        : run.status === 'finished'
          ? 0
          : null;
    return {
      id: run.id,
      status: run.status,
      fileName: run.fileName,
      listId: run.listId,
      mode: run.mode,
      encoding: run.encoding,
      encodingChosen: run.encodingChosen,
      delimiter: run.delimiter,
      rowsRead: run.rowsRead,
      imported: run.imported,
      updated: run.updated,
      skipped: run.skipped,
      failed: run.failed,
      bytesRead: run.bytesRead,
      bytesTotal: run.bytesTotal,
      percent: Math.round(fraction * 1000) / 10,
      rate: seconds ? Math.round(run.rowsRead / seconds) : 0,
      etaSeconds: eta,
      error: run.error,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      consentBasis: run.consentBasis,
      consentSource: run.consentSource,
      consentAt: run.consentAt,
    };
  }

  /** Rejected rows by line, streamed. */
  async errorsCsv(id: number): Promise<StreamableFile> {
    const progress = await this.progress(id);
    const keepDays = this.config.retention.importErrorsDays;
    if (
      keepDays > 0 &&
      progress.failed > 0 &&
      progress.finishedAt &&
      progress.finishedAt.getTime() < importErrorsCutoff(this.clock.now(), keepDays).getTime()
    ) {
      throw new AudienceException(
        AudienceErrorCode.ImportErrorsPruned,
        `The bad rows of import ${id} were removed ${keepDays} days after it finished (RETAIN_IMPORT_ERRORS_DAYS); its counts are kept`,
      );
    }
    const repo = this.dataSource.getRepository(ImportError);
    async function* records(): AsyncGenerator<string[]> {
      yield ['line', 'reason', 'email'];
      for (let after = 0; ;) {
        const page = await repo
          .createQueryBuilder('e')
          .where('e.import_id = :id AND e.id > :after', { id, after })
          .orderBy('e.id', 'ASC')
          .take(1000)
          .getMany();
        for (const e of page) yield [String(e.line), e.reason, e.value ?? ''].map(neutraliseCell);
        if (page.length < 1000) return;
        after = page[page.length - 1].id;
      }
    }
    const stream = Readable.from(records()).pipe(stringify({ record_delimiter: 'windows' }));
    return new StreamableFile(stream, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="import-${id}-errors.csv"`,
    });
  }

  private async header(path: string, dialect: CsvDialect): Promise<string[]> {
    const records = readCsv(path, dialect);
    try {
      const first = await records.next();
      if (first.done) throw invalid('The file is empty');
      if (first.value.kind !== 'record') throw invalid('The header line cannot be read as CSV');
      return first.value.fields;
    } finally {
      await records.return(undefined);
    }
  }
}
