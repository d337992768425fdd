// The import wizard reads the start of the chosen file in the browser to offer a column mapping with a
// preview; the server parses the whole file itself (src/audience/imports/csv-records.ts). Both sniff
// the encoding and separator with the same module.
import {
  type CsvDelimiter,
  type CsvEncoding,
  detectDelimiter,
  detectEncoding,
} from '../../../src/audience/imports/csv-dialect';
import { attributeKeyOf, knownColumn } from '../../../src/audience/imports/known-columns';

export { attributeKeyOf };

export interface CsvPreview {
  delimiter: CsvDelimiter;
  header: string[];
  rows: string[][];
}

export { CSV_ENCODINGS, type CsvEncoding } from '../../../src/audience/imports/csv-dialect';

/** The encoding the server will detect for the file whose opening bytes these are. */
export function detectCsvEncoding(bytes: Uint8Array, truncated = false): CsvEncoding {
  return detectEncoding(bytes, !truncated);
}

/**
 * The opening bytes of the chosen file as text, in the chosen encoding or else the one the server will
 * detect (UTF-8, UTF-16, else Windows-1252); `truncated` when the bytes were cut at a limit.
 */
export function decodeCsvHead(bytes: Uint8Array, truncated = false, encoding?: CsvEncoding): string {
  return new TextDecoder(encoding ?? detectCsvEncoding(bytes, truncated)).decode(bytes);
}

/** RFC 4180 records from `text`; a trailing partial record (the file was cut at a byte limit) is dropped when `truncated`. */
export function parseCsv(text: string, delimiter: string, truncated = false): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === delimiter) {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (!truncated && (field !== '' || record.length)) {
    record.push(field);
    records.push(record);
  }
  return records.filter((r) => !(r.length === 1 && r[0] === ''));
}

export function previewCsv(text: string, maxRows = 5, truncated = false): CsvPreview {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = detectDelimiter(firstLine);
  const [header = [], ...rows] = parseCsv(text, delimiter, truncated);
  return { delimiter, header: header.map((h) => h.trim()), rows: rows.slice(0, maxRows) };
}

export type ColumnTarget =
  'email' | 'name' | 'firstName' | 'lastName' | 'externalId' | 'locale' | 'timezone' | 'attribute' | 'ignore';

/** The targets a column can have at most once, as the server's mapping fields. */
const FIELD_TARGETS = ['email', 'name', 'firstName', 'lastName', 'externalId', 'locale', 'timezone'] as const;

export interface ColumnChoice {
  column: string;
  target: ColumnTarget;
  /** attribute key when target is 'attribute' */
  key: string;
}

const ATTRIBUTE_KEY = /^[A-Za-z0-9_]{1,64}$/;

/** The same guess the server makes without a mapping, so the wizard starts where the API would. */
export function guessColumns(header: string[]): ColumnChoice[] {
  const taken = new Set<string>();
  const roles = header.map((column) => knownColumn(column));
  // As the server guesses: MailerLite's "Name" beside "Last name" (and no first name column) is the first name.
  const nameIsGiven = roles.includes('lastName') && !roles.includes('firstName');
  return header.map((column, i) => {
    const role = roles[i] === 'name' && nameIsGiven ? 'firstName' : roles[i];
    if ((FIELD_TARGETS as readonly string[]).includes(role ?? '') && !taken.has(role!)) {
      taken.add(role!);
      return { column, target: role as ColumnTarget, key: '' };
    }
    const key = attributeKeyOf(column);
    return ATTRIBUTE_KEY.test(key) ? { column, target: 'attribute', key } : { column, target: 'ignore', key: '' };
  });
}

export interface MappingResult {
  mapping?: {
    email: string;
    name?: string;
    firstName?: string;
    lastName?: string;
    nameFrom?: string[];
    externalId?: string;
    locale?: string;
    timezone?: string;
    attributes: Record<string, string>;
    attributesFrom?: string;
  };
  /** translation keys with their values */
  problems: Array<{ key: string; values?: Record<string, string> }>;
}

/** The wizard's choices as the API's mapping JSON, or what is wrong with them. */
export function toMapping(choices: ColumnChoice[]): MappingResult {
  const problems: MappingResult['problems'] = [];
  const single = (target: ColumnTarget) => choices.filter((c) => c.target === target);
  const emails = single('email');
  if (emails.length === 0) problems.push({ key: 'import.problems.noEmail' });
  for (const target of FIELD_TARGETS) {
    if (single(target).length > 1) problems.push({ key: 'import.problems.twice', values: { target } });
  }
  const attributes: Record<string, string> = {};
  // A listmonk/Keila JSON attributes column left as guessed is read as attributes, as the server would.
  const attributesFrom = single('attribute').find(
    (c) => knownColumn(c.column) === 'attributesJson' && c.key === attributeKeyOf(c.column),
  )?.column;
  for (const c of single('attribute').filter((c) => c.column !== attributesFrom)) {
    if (!ATTRIBUTE_KEY.test(c.key))
      problems.push({ key: 'import.problems.badKey', values: { key: c.key, column: c.column } });
    // Attribute names match without regard to case, so "Stad" and "stad" would be one attribute.
    else if (Object.keys(attributes).some((k) => k.toLowerCase() === c.key.toLowerCase()))
      problems.push({ key: 'import.problems.duplicateKey', values: { key: c.key } });
    else attributes[c.key] = c.column;
  }
  if (problems.length) return { problems };
  const pick = (target: ColumnTarget) => single(target)[0]?.column;
  // As the server guesses: without a name column, first (middle) last name make up the name.
  const nameFrom = pick('name')
    ? []
    : [pick('firstName'), attributes.middleName, pick('lastName')].filter((c): c is string => !!c);
  return {
    problems,
    mapping: {
      email: emails[0].column,
      ...(pick('name') ? { name: pick('name') } : {}),
      ...(pick('firstName') ? { firstName: pick('firstName') } : {}),
      ...(pick('lastName') ? { lastName: pick('lastName') } : {}),
      ...(nameFrom.length ? { nameFrom } : {}),
      ...(pick('externalId') ? { externalId: pick('externalId') } : {}),
      ...(pick('locale') ? { locale: pick('locale') } : {}),
      ...(pick('timezone') ? { timezone: pick('timezone') } : {}),
      attributes,
      ...(attributesFrom ? { attributesFrom } : {}),
    },
  };
}
