import { parse } from 'csv-parse';
import { decode, decodeStream } from 'iconv-lite';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import {
  type CsvDelimiter,
  type CsvEncoding,
  detectDelimiter,
  encodingFromBom,
  utf16WithoutBom,
  Utf8Check,
} from './csv-dialect';

export type CsvItem =
  | { kind: 'record'; line: number; fields: string[]; bytes: number }
  | { kind: 'broken'; line: number; reason: string; bytes: number };

export interface CsvDialect {
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
}

const MAX_RECORD_BYTES = 64 * 1024;
const HEAD_BYTES = 64 * 1024;

/** Whether every byte of the file is UTF-8 (one streaming pass; stops at the first bad byte). */
async function isUtf8File(path: string): Promise<boolean> {
  const check = new Utf8Check();
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
    if (!check.push(chunk)) return false;
  }
  return check.push(new Uint8Array(0), true);
}

/**
 * The file's encoding and separator. A chosen encoding wins; else a byte-order mark, else UTF-16 by its
 * NUL bytes, else UTF-8 when every byte is, else Windows-1252.
 */
export async function sniffDialect(path: string, chosen?: CsvEncoding): Promise<CsvDialect> {
  const handle = await open(path, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const encoding =
    chosen ?? encodingFromBom(head) ?? utf16WithoutBom(head) ?? ((await isUtf8File(path)) ? 'utf-8' : 'windows-1252');
  const text = encoding === 'utf-8' ? head.toString('utf8') : decodeText(head, encoding);
  return { encoding, delimiter: detectDelimiter(text.split(/\r?\n/, 1)[0] ?? '') };
}

function decodeText(bytes: Buffer, encoding: CsvEncoding): string {
  // iconv-lite, not TextDecoder: Node 20's 'windows-1252' decoder reads 0x80-0x9F (€, ’, “...) as Latin-1.
  return decode(bytes, encoding, { stripBOM: true });
}

// The parser's raw text ends with the record delimiter for "\n" files but not for "\r\n"
// ones; a trailing "\n" is therefore not counted.
function countNewlines(raw: string | undefined): number {
  if (!raw) return 0;
  const end = raw.endsWith('\n') ? raw.length - 1 : raw.length;
  let n = 0;
  for (let i = raw.indexOf('\n'); i !== -1 && i < end; i = raw.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Streams a CSV file as records with the line each starts on (1-based,
 * counting quoted line breaks and blank lines), in constant memory. Records the
 * parser cannot read (unclosed quote, oversized record) come out as `broken`.
 */
export async function* readCsv(path: string, { encoding, delimiter }: CsvDialect): AsyncGenerator<CsvItem> {
  // Records that failed parsing, keyed by how many records had been emitted before them,
  // so their lines are accounted for in file order (on_skip fires ahead of the consumer).
  const skipped: Array<{ after: number; lines: number; reason: string; line: number }> = [];
  const parser = parse({
    delimiter,
    bom: true,
    raw: true,
    info: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_BYTES,
    on_skip: (error, raw) => {
      skipped.push({
        after: parser.info.records,
        lines: countNewlines(raw) + 1,
        reason: error?.message ?? 'unreadable CSV record',
        line: Number(error?.lines ?? 0),
      });
      return undefined;
    },
  });
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  // UTF-8 goes to the parser as bytes; other encodings are decoded first (byte counts then
  // are of the UTF-8 text, a few percent off the file size for progress).
  const source: NodeJS.ReadableStream =
    encoding === 'utf-8' ? file : file.pipe(decodeStream(encoding, { stripBOM: true }));
  file.on('error', (e) => parser.destroy(e));
  source.on('error', (e) => parser.destroy(e));
  source.pipe(parser);
  let line = 1;
  let emitted = 0;
  const flushSkipped = function* (upTo: number, bytes: number): Generator<CsvItem> {
    while (skipped.length && skipped[0].after <= upTo) {
      const s = skipped.shift()!;
      yield { kind: 'broken', line, reason: s.reason.replace(/\s+/g, ' ').slice(0, 180), bytes };
      line += s.lines;
    }
  };
  for await (const item of parser as AsyncIterable<{ record: string[]; raw: string; info: { bytes: number } }>) {
    yield* flushSkipped(emitted, item.info.bytes);
    const start = line;
    line += countNewlines(item.raw) + 1;
    emitted++;
    // A blank line parses as one empty field: it only counts for line numbers.
    if (item.record.length === 1 && item.record[0] === '') continue;
    yield { kind: 'record', line: start, fields: item.record, bytes: item.info.bytes };
  }
  yield* flushSkipped(Number.MAX_SAFE_INTEGER, parser.info.bytes);
}
