import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { rm } from 'node:fs/promises';
import { DataSource, Repository } from 'typeorm';
import { Clock } from '../../common/clock';
import { emailHash, normaliseEmail } from '../email-address';
import { readCsv, sniffDialect } from './csv-records';
import { BatchProgress, ImportBatchWriter, ImportRow, RowError } from './import-batch.writer';
import { attributesFromJson, ResolvedMapping, resolveMapping } from './import-mapping';
import { ImportRun } from './import-run.entity';
import { FingerprintSet } from './fingerprint-set';
import { canonicalTimezone } from '../../common/timezone';
import { fullNameOf } from '../person-name';

// Rows per transaction. Random-keyed index inserts (email, hash) dirty one leaf page
// per row, so bigger commits rewrite far fewer pages: 5000 was ~25% faster than 1000
// on a 1M-row import, and progress still moves several times a second.
export const IMPORT_BATCH_SIZE = 5000;
const IMPORT_SQLITE_CACHE_KIB = 32 * 1024;

/** Streams one uploaded CSV into the database in batches; safe to run twice. */
@Injectable()
export class RunImport {
  private readonly logger = new Logger('Import');

  constructor(
    @InjectRepository(ImportRun) private readonly runs: Repository<ImportRun>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: ImportBatchWriter,
    private readonly clock: Clock,
  ) {}

  async execute(importId: number): Promise<void> {
    const run = await this.runs.findOne({ where: { id: importId } });
    if (!run || run.status === 'finished' || run.status === 'failed') return;
    await this.runs.update({ id: run.id }, { status: 'running', startedAt: run.startedAt ?? this.clock.now() });
    const restoreCache = await this.widenSqliteCache();
    try {
      await this.stream(run);
      await this.runs.update({ id: run.id }, { status: 'finished', finishedAt: this.clock.now() });
      this.logger.log(`import ${run.id} finished`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`import ${run.id} failed: ${message}`);
      await this.runs.update(
        { id: run.id },
        { status: 'failed', error: message.slice(0, 2000), finishedAt: this.clock.now() },
      );
    } finally {
      await restoreCache();
      // The upload holds personal data; once processed only the database keeps what was accepted.
      await rm(run.storedPath, { force: true });
    }
  }

  // Index inserts with random keys (email, hash) thrash SQLite's default 2 MB page
  // cache on big tables; 32 MB keeps 1M-row imports fast and well under 300 MB RSS.
  private async widenSqliteCache(): Promise<() => Promise<void>> {
    if (this.dataSource.options.type !== 'better-sqlite3') return async () => undefined;
    const [{ cache_size: previous }] = (await this.dataSource.query('PRAGMA cache_size')) as Array<{
      cache_size: number;
    }>;
    await this.dataSource.query(
      `PRAGMA cache_size = ${IMPORT_SQLITE_CACHE_KIB > 0 ? -IMPORT_SQLITE_CACHE_KIB : -2000}`,
    );
    return async () => {
      await this.dataSource.query(`PRAGMA cache_size = ${Number(previous)}`);
    };
  }

  private async stream(run: ImportRun): Promise<void> {
    // Duplicates are found by 56 bits of each address hash, not the addresses (constant-ish memory).
    const seen = new FingerprintSet();
    let mapping: ResolvedMapping | undefined;
    let rows: ImportRow[] = [];
    let errors: RowError[] = [];
    let lastLine = run.linesDone;
    let bytes = 0;
    let read = 0;
    const flush = async () => {
      const progress: BatchProgress = { linesDone: lastLine, rowsRead: read, bytesRead: bytes };
      await this.writer.write(run, rows, errors, progress);
      rows = [];
      errors = [];
      read = 0;
    };
    // The dialect was settled at upload (chosen or detected); older queued imports detect it again.
    const dialect =
      run.encoding && run.delimiter
        ? { encoding: run.encoding, delimiter: run.delimiter }
        : await sniffDialect(run.storedPath);
    const badBytes = run.encodingChosen
      ? `bytes that are not ${run.encoding!.toUpperCase()} on this line (the file is read as ${run.encoding!.toUpperCase()} as chosen; pick the encoding the file was saved in)`
      : 'invalid UTF-8 (the file starts as UTF-8 but this line is not; save the file as UTF-8)';
    for await (const item of readCsv(run.storedPath, dialect)) {
      bytes = item.bytes;
      if (!mapping) {
        if (item.kind !== 'record') throw new Error('the header line cannot be read as CSV');
        mapping = resolveMapping(run.mapping, item.fields);
        continue;
      }
      // Resuming after a crash: these lines were committed by an earlier attempt.
      if (item.line <= run.linesDone) continue;
      lastLine = item.line;
      read++;
      if (item.kind === 'broken')
        errors.push({ line: item.line, reason: `unreadable CSV: ${item.reason}`, value: null, hash: null });
      else {
        const outcome = this.toRow(item.line, item.fields, mapping, seen, badBytes);
        if ('reason' in outcome) errors.push(outcome);
        else rows.push(outcome);
      }
      if (rows.length + errors.length >= IMPORT_BATCH_SIZE) await flush();
    }
    if (!mapping) throw new Error('the file is empty');
    await flush();
  }

  // A file repeats the same few timezones; asking Intl once per spelling keeps big imports fast.
  private readonly timezones = new Map<string, string | null>();

  private readonly locales = new Map<string, string>();

  /** "NL" → "nl", "nl_be" → "nl-BE"; a cell that is no language tag is kept as written (at most 8 characters). */
  private locale(raw: string | undefined): string | undefined {
    if (raw === undefined) return undefined;
    let known = this.locales.get(raw);
    if (known === undefined) {
      try {
        known = Intl.getCanonicalLocales(raw.replace(/_/g, '-'))[0] ?? raw;
      } catch {
        known = raw;
      }
      known = known.length <= 8 ? known : raw.slice(0, 8);
      if (this.locales.size < 10_000) this.locales.set(raw, known);
    }
    return known;
  }

  /** The canonical spelling, or null when unknown. */
  private timezone(raw: string): string | null {
    let known = this.timezones.get(raw);
    if (known === undefined) {
      known = canonicalTimezone(raw) ?? null;
      if (this.timezones.size < 10_000) this.timezones.set(raw, known);
    }
    return known;
  }

  private toRow(
    line: number,
    fields: string[],
    m: ResolvedMapping,
    seen: FingerprintSet,
    badBytes: string,
  ): ImportRow | RowError {
    const rawEmail = (fields[m.email] ?? '').trim();
    const hash = rawEmail ? emailHash(rawEmail) : null;
    const error = (reason: string): RowError => ({ line, reason, value: rawEmail.slice(0, 254) || null, hash });
    if (fields.length !== m.columns) return error(`wrong column count: expected ${m.columns}, found ${fields.length}`);
    if (fields.some((f) => f.includes('\uFFFD'))) return error(badBytes);
    if (!rawEmail) return error('missing email address');
    const email = normaliseEmail(rawEmail);
    if (!email) return error('invalid email address');
    if (!seen.add(hash!)) return error('duplicate email address in this file');
    const fromJson = m.attributesFrom === undefined ? {} : attributesFromJson(fields[m.attributesFrom]);
    if (!fromJson) return error('the attributes column is not a JSON object, e.g. {"city": "Utrecht"}');
    // Columns mapped one by one win over the same key in the JSON column.
    const attributes: Record<string, string> = { ...fromJson };
    for (const [name, index] of m.attributes) {
      const value = fields[index].trim();
      if (value !== '') attributes[name] = value;
    }
    const pick = (index: number | undefined, max: number) =>
      index === undefined ? undefined : fields[index].trim().slice(0, max) || undefined;
    const rawTimezone = pick(m.timezone, 64);
    const timezone = rawTimezone === undefined ? undefined : this.timezone(rawTimezone);
    if (timezone === null)
      return error(`unknown timezone "${rawTimezone}" (use a name such as Europe/Amsterdam or America/New_York)`);
    const firstName = pick(m.firstName, 100);
    const lastName = pick(m.lastName, 100);
    const joined = m.nameFrom
      .map((i) => fields[i].trim())
      .filter(Boolean)
      .join(' ');
    return {
      line,
      email,
      hash: hash!,
      name: pick(m.name, 200) ?? (fullNameOf(joined ? { firstName: joined } : { firstName, lastName }) || undefined),
      firstName,
      lastName,
      externalId: pick(m.externalId, 120),
      locale: this.locale(pick(m.locale, 35)),
      timezone,
      attributes,
    };
  }
}
