import { AudienceErrorCode, AudienceException } from '../audience.exception';
import type { ImportMapping } from './import-run.entity';
import { attributeKeyOf, knownColumn, nameColumns } from './known-columns';

const ATTRIBUTE_KEY = /^[A-Za-z0-9_]{1,64}$/;

/** Column indexes for each field of a mapping, resolved against the header row. */
export interface ResolvedMapping {
  columns: number;
  email: number;
  name?: number;
  firstName?: number;
  lastName?: number;
  /** without a name column: the first/middle/last name columns joined into the name */
  nameFrom: number[];
  externalId?: number;
  locale?: number;
  timezone?: number;
  attributes: Array<[key: string, index: number]>;
  attributesFrom?: number;
}

function invalid(message: string): AudienceException {
  return new AudienceException(AudienceErrorCode.InvalidImport, message);
}

/** Checks a mapping's shape (from the upload form). */
export function parseMapping(raw: unknown): ImportMapping | undefined {
  if (raw === undefined || raw === '') return undefined;
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw invalid('mapping must be JSON, e.g. {"email":"E-mail","name":"Naam","attributes":{"city":"Stad"}}');
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid('mapping must be a JSON object');
  const m = value as Record<string, unknown>;
  const unknown = Object.keys(m).filter(
    (k) =>
      ![
        'email',
        'name',
        'firstName',
        'lastName',
        'nameFrom',
        'externalId',
        'locale',
        'timezone',
        'attributes',
        'attributesFrom',
      ].includes(k),
  );
  if (unknown.length)
    throw invalid(
      `mapping: unknown field ${unknown.map((k) => `"${k}"`).join(', ')} (use email, name, firstName, lastName, nameFrom, externalId, locale, timezone, attributes, attributesFrom)`,
    );
  if (typeof m.email !== 'string' || !m.email)
    throw invalid('mapping.email must name the column that holds the email address');
  for (const k of ['name', 'firstName', 'lastName', 'externalId', 'locale', 'timezone', 'attributesFrom'] as const) {
    if (m[k] !== undefined && typeof m[k] !== 'string') throw invalid(`mapping.${k} must be a column name`);
  }
  if (m.nameFrom !== undefined && (!Array.isArray(m.nameFrom) || m.nameFrom.some((c) => typeof c !== 'string')))
    throw invalid('mapping.nameFrom must list column names, e.g. ["Voornaam","Achternaam"]');
  const attributes = m.attributes ?? {};
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes))
    throw invalid('mapping.attributes must map attribute names to column names');
  for (const [key, column] of Object.entries(attributes)) {
    if (!ATTRIBUTE_KEY.test(key))
      throw invalid(`mapping.attributes: invalid attribute name "${key}" (letters, digits and _ only)`);
    if (typeof column !== 'string') throw invalid(`mapping.attributes.${key} must be a column name`);
  }
  const clash = caseClash(Object.keys(attributes));
  if (clash)
    throw invalid(
      `mapping.attributes: "${clash[0]}" and "${clash[1]}" differ only in case and would be one attribute (segments match names without regard to case); give them different names`,
    );
  return {
    email: m.email,
    name: m.name as string | undefined,
    ...(m.firstName ? { firstName: m.firstName as string } : {}),
    ...(m.lastName ? { lastName: m.lastName as string } : {}),
    ...(m.nameFrom ? { nameFrom: m.nameFrom as string[] } : {}),
    externalId: m.externalId as string | undefined,
    locale: m.locale as string | undefined,
    ...(m.timezone ? { timezone: m.timezone as string } : {}),
    attributes: attributes as Record<string, string>,
    ...(m.attributesFrom ? { attributesFrom: m.attributesFrom as string } : {}),
  };
}

/** Two keys that differ only in case, if any ("Stad" and "stad"). */
function caseClash(keys: string[]): [string, string] | undefined {
  const seen = new Map<string, string>();
  for (const key of keys) {
    const other = seen.get(key.toLowerCase());
    if (other !== undefined) return [other, key];
    seen.set(key.toLowerCase(), key);
  }
  return undefined;
}

/**
 * Without a mapping: the columns exporters usually write (known-columns.ts), and every other column as
 * an attribute. First and last name columns fill those fields; with the middle name (kept as an
 * attribute) they make up the name when there is no name column.
 */
export function guessMapping(header: string[]): ImportMapping {
  const columns = header.map((h) => ({ column: h.trim(), role: knownColumn(h) }));
  const first = (role: string) => columns.find((c) => c.role === role)?.column;
  const email = first('email');
  if (!email)
    throw invalid(
      `no mapping given and no email column found in the header (${columns.map((c) => c.column).join(', ')})`,
    );
  // MailerLite writes "Name" and "Last name": beside a last name column, a bare name is the first name.
  const givenName = first('lastName') && !first('firstName') ? first('name') : undefined;
  if (givenName) columns.find((c) => c.column === givenName)!.role = 'firstName';
  const name = givenName ? undefined : first('name');
  const externalId = first('externalId');
  const locale = first('locale');
  const timezone = first('timezone');
  const firstName = first('firstName');
  const lastName = first('lastName');
  const attributesFrom = first('attributesJson');
  const nameFrom = name ? [] : nameColumns(columns);
  const attributes: Record<string, string> = {};
  const fields = [email, name, firstName, lastName, externalId, locale, timezone, attributesFrom];
  for (const { column } of columns) {
    if (fields.includes(column)) continue;
    const key = attributeKeyOf(column);
    if (!ATTRIBUTE_KEY.test(key)) continue;
    const same = Object.keys(attributes).find((k) => k.toLowerCase() === key.toLowerCase());
    if (same)
      throw invalid(
        `columns "${attributes[same]}" and "${column}" would both be attribute "${key}" (names match without regard to case); rename one or send a mapping`,
      );
    attributes[key] = column;
  }
  return {
    email,
    name,
    ...(firstName ? { firstName } : {}),
    ...(lastName ? { lastName } : {}),
    ...(nameFrom.length ? { nameFrom } : {}),
    externalId,
    locale,
    ...(timezone ? { timezone } : {}),
    attributes,
    ...(attributesFrom ? { attributesFrom } : {}),
  };
}

/**
 * The scalar entries of a JSON-object cell (listmonk's attributes column) as attributes; nested values are
 * kept as JSON text. Undefined when the cell is not a JSON object.
 */
export function attributesFromJson(cell: string): Record<string, string> | undefined {
  if (cell.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(cell);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const attributes: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (!ATTRIBUTE_KEY.test(key) || v === null || v === '') continue;
    attributes[key] = typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return attributes;
}

export function resolveMapping(mapping: ImportMapping, header: string[]): ResolvedMapping {
  const clean = header.map((h) => h.trim());
  const index = (column: string, what: string): number => {
    const i = clean.indexOf(column.trim());
    if (i === -1) throw invalid(`mapping.${what}: column "${column}" is not in the header (${clean.join(', ')})`);
    return i;
  };
  return {
    columns: header.length,
    email: index(mapping.email, 'email'),
    name: mapping.name ? index(mapping.name, 'name') : undefined,
    firstName: mapping.firstName ? index(mapping.firstName, 'firstName') : undefined,
    lastName: mapping.lastName ? index(mapping.lastName, 'lastName') : undefined,
    nameFrom: (mapping.nameFrom ?? []).map((column, i) => index(column, `nameFrom.${i}`)),
    externalId: mapping.externalId ? index(mapping.externalId, 'externalId') : undefined,
    locale: mapping.locale ? index(mapping.locale, 'locale') : undefined,
    timezone: mapping.timezone ? index(mapping.timezone, 'timezone') : undefined,
    attributes: Object.entries(mapping.attributes ?? {}).map(([key, column]) => [
      key,
      index(column, `attributes.${key}`),
    ]),
    attributesFrom: mapping.attributesFrom ? index(mapping.attributesFrom, 'attributesFrom') : undefined,
  };
}
