// The one CSV dialect sniffer: the server (csv-records.ts) and the web import wizard
// (web/src/lib/csv-preview.ts) both use this file, so the preview splits and decodes a file
// exactly as the import will. Keep it free of Node APIs: it runs in the browser too.

export type CsvDelimiter = ',' | ';' | '\t' | '|';
/** The encodings an import can be read in: what spreadsheet programs and mail tools write. */
export const CSV_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'iso-8859-15'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

/** An encoding a user typed or picked ("UTF-8", "utf8", "Windows-1252"), if one we read. */
export function parseCsvEncoding(value: string): CsvEncoding | undefined {
  const name = value.trim().toLowerCase();
  const canonical = name === 'utf8' ? 'utf-8' : name === 'cp1252' ? 'windows-1252' : name;
  return (CSV_ENCODINGS as readonly string[]).includes(canonical) ? (canonical as CsvEncoding) : undefined;
}

const DELIMITERS: CsvDelimiter[] = [',', ';', '\t', '|'];

/**
 * The separator that splits the header line into the most columns (outside quotes):
 * Dutch/Belgian Excel writes ';', Excel's "Unicode text" a tab, some exports '|', most tools ','.
 * A tie, or a single column, is read as ','.
 */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0, '|': 0 };
  let inQuotes = false;
  for (const ch of headerLine.replace(/^\uFEFF/, '')) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && ch in counts) counts[ch as CsvDelimiter]++;
  }
  return DELIMITERS.reduce((best, d) => (counts[d] > counts[best] ? d : best), ',' as CsvDelimiter);
}

/** The encoding a byte-order mark announces, if the bytes start with one. */
export function encodingFromBom(head: Uint8Array): CsvEncoding | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * UTF-16 without a byte-order mark: text that is mostly ASCII has a NUL in every other byte
 * (the odd bytes for little-endian, the even ones for big-endian), which no 8-bit file has.
 */
export function utf16WithoutBom(head: Uint8Array): CsvEncoding | undefined {
  const pairs = Math.floor(Math.min(head.length, 4096) / 2);
  if (pairs < 2) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  if (oddNul >= pairs * 0.4 && evenNul <= pairs * 0.05) return 'utf-16le';
  if (evenNul >= pairs * 0.4 && oddNul <= pairs * 0.05) return 'utf-16be';
  return undefined;
}

/**
 * Checks chunks for valid UTF-8 one after another (a character may straddle two chunks).
 * Bytes that are not UTF-8 are taken as Windows-1252, which is what Excel writes for
 * "CSV (gescheiden door lijstscheidingsteken)" on a Dutch or Belgian Windows.
 */
export class Utf8Check {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  valid = true;

  push(chunk: Uint8Array, last = false): boolean {
    if (!this.valid) return false;
    try {
      this.decoder.decode(chunk, { stream: !last });
    } catch {
      this.valid = false;
    }
    return this.valid;
  }
}

/** The encoding of a whole file given as bytes (the browser's preview of the file's start); `complete` is false when the bytes were cut at a limit. */
export function detectEncoding(bytes: Uint8Array, complete = true): CsvEncoding {
  const marked = encodingFromBom(bytes) ?? utf16WithoutBom(bytes);
  if (marked) return marked;
  return new Utf8Check().push(bytes, complete) ? 'utf-8' : 'windows-1252';
}
