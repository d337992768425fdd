import { DateUtils } from 'typeorm/util/DateUtils';
import { SUBSCRIBER_STATUSES } from '../subscriber.entity';
import type { Condition, Operator, Scalar } from './segment-filter';

export type Dialect = 'sqlite' | 'postgres';

/** What a field compiler may use: the dialect and a way to bind values (never inline them). */
export interface CompileContext {
  dialect: Dialect;
  /** Binds one value and returns its placeholder, e.g. `:seg_3`. */
  bind(value: unknown): string;
  /** Binds a list and returns `(:...seg_4)`. */
  bindList(values: unknown[]): string;
  /** A fresh table alias for a subquery. */
  alias(prefix: string): string;
}

export interface FieldDefinition {
  ops: readonly Operator[];
  /** Extra value checks; returns a problem or undefined. */
  check?(condition: Condition, key: string | undefined): string | undefined;
  compile(condition: Condition, ctx: CompileContext, key: string | undefined): string;
}

const ATTRIBUTE_KEY = /^[A-Za-z0-9_]{1,64}$/;

// The field registry: later modules (scores, events) add their own fields here
// with registerSegmentField / registerSegmentFieldPrefix.
const exact = new Map<string, FieldDefinition>();
const prefixed = new Map<string, { definition: FieldDefinition; keyPattern: RegExp }>();

export function registerSegmentField(name: string, definition: FieldDefinition): void {
  exact.set(name, definition);
}

export function registerSegmentFieldPrefix(
  prefix: string,
  definition: FieldDefinition,
  keyPattern = ATTRIBUTE_KEY,
): void {
  prefixed.set(prefix, { definition, keyPattern });
}

export type FieldLookup = { definition: FieldDefinition; key?: string } | { problem: string };

export function lookupField(field: string): FieldLookup {
  const definition = exact.get(field);
  if (definition) return { definition };
  for (const [prefix, entry] of prefixed) {
    if (field.startsWith(prefix)) {
      const key = field.slice(prefix.length);
      if (!entry.keyPattern.test(key))
        return { problem: `invalid key "${key}" after "${prefix}" (letters, digits and _ only, at most 64)` };
      return { definition: entry.definition, key };
    }
  }
  const known = [...exact.keys(), ...[...prefixed.keys()].map((p) => `${p}<key>`)];
  return { problem: `unknown field "${field}" (use ${known.join(', ')})` };
}

function like(ctx: CompileContext, expr: string, needle: string): string {
  const pattern = `%${needle.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return `LOWER(${expr}) LIKE ${ctx.bind(pattern)} ESCAPE '\\'`;
}

function textColumn(column: string): FieldDefinition {
  return {
    ops: ['eq', 'neq', 'contains', 'exists', 'in'],
    compile: ({ op, value }, ctx) => {
      switch (op) {
        case 'eq':
          return `${column} = ${ctx.bind(String(value))}`;
        case 'neq':
          return `(${column} IS NULL OR ${column} <> ${ctx.bind(String(value))})`;
        case 'contains':
          return like(ctx, column, String(value));
        case 'exists':
          return value === false
            ? `(${column} IS NULL OR ${column} = '')`
            : `(${column} IS NOT NULL AND ${column} <> '')`;
        case 'in':
          return `${column} IN ${ctx.bindList((value as Scalar[]).map(String))}`;
        default:
          throw new Error(`unreachable: ${op}`);
      }
    },
  };
}

function timestampColumn(column: string): FieldDefinition {
  return {
    ops: ['gt', 'lt'],
    check: ({ value }) =>
      typeof value === 'string' && !Number.isNaN(Date.parse(value))
        ? undefined
        : `expected an ISO 8601 date, got ${JSON.stringify(value)}`,
    compile: ({ op, value }, ctx) => {
      const date = new Date(String(value));
      // SQLite stores TypeORM datetimes as 'YYYY-MM-DD HH:MM:SS.SSS' text in UTC.
      const bound = ctx.dialect === 'sqlite' ? DateUtils.mixedDateToUtcDatetimeString(date) : date.toISOString();
      return `${column} ${op === 'gt' ? '>' : '<'} ${ctx.bind(bound)}`;
    },
  };
}

registerSegmentField('email', {
  ...textColumn('s.email'),
  compile: (c, ctx, key) =>
    c.op === 'eq'
      ? `LOWER(s.email) = ${ctx.bind(String(c.value).trim().toLowerCase())}`
      : textColumn('s.email').compile(c, ctx, key),
});
registerSegmentField('name', textColumn('s.name'));
registerSegmentField('externalId', textColumn('s.external_id'));
registerSegmentField('locale', textColumn('s.locale'));
registerSegmentField('createdAt', timestampColumn('s.created_at'));
registerSegmentField('updatedAt', timestampColumn('s.updated_at'));

registerSegmentField('status', {
  ops: ['eq', 'neq', 'in'],
  check: ({ value }) => {
    const values = Array.isArray(value) ? value : [value];
    const bad = values.find((v) => !(SUBSCRIBER_STATUSES as readonly unknown[]).includes(v));
    return bad === undefined
      ? undefined
      : `unknown status ${JSON.stringify(bad)} (use ${SUBSCRIBER_STATUSES.join(', ')})`;
  },
  compile: ({ op, value }, ctx) => {
    if (op === 'in') return `s.status IN ${ctx.bindList(value as Scalar[])}`;
    return `s.status ${op === 'eq' ? '=' : '<>'} ${ctx.bind(value)}`;
  },
});

// Membership means confirmed: what campaigns mail.
registerSegmentField('list', {
  ops: ['eq', 'neq', 'in'],
  check: ({ value }) => {
    const values = Array.isArray(value) ? value : [value];
    return values.every((v) => Number.isSafeInteger(v) && (v as number) > 0)
      ? undefined
      : 'expected list ids (positive integers)';
  },
  compile: ({ op, value }, ctx) => {
    const m = ctx.alias('sm');
    const ids = Array.isArray(value) ? value : [value];
    const exists = `EXISTS (SELECT 1 FROM list_memberships ${m} WHERE ${m}.subscriber_id = s.id AND ${m}.status = 'confirmed' AND ${m}.list_id IN ${ctx.bindList(ids)})`;
    return op === 'neq' ? `NOT ${exists}` : exists;
  },
});

/**
 * Dialect-specific JSON access to one attribute, its key matched without regard to case
 * ("stad" finds "Stad"; an exact spelling wins when both exist). The key is bound, never inlined.
 */
function attribute(ctx: CompileContext, key: string) {
  const k = ctx.bind(key);
  if (ctx.dialect === 'sqlite') {
    const pick = (column: string) =>
      `(SELECT ${column} FROM json_each(s.attributes) WHERE lower(key) = lower(${k}) ORDER BY key = ${k} DESC LIMIT 1)`;
    const type = pick('type');
    const value = pick('value');
    return {
      type,
      text: `CAST(${value} AS TEXT)`,
      number: `(CASE WHEN ${type} IN ('integer', 'real') THEN ${value} END)`,
      isBoolean: (b: boolean) => `${type} = '${b ? 'true' : 'false'}'`,
      present: `(${type} IS NOT NULL AND ${type} <> 'null')`,
    };
  }
  const pick = (expr: string) =>
    `(SELECT ${expr} FROM jsonb_each(s.attributes::jsonb) e WHERE lower(e.key) = lower(CAST(${k} AS text)) ORDER BY e.key = CAST(${k} AS text) DESC LIMIT 1)`;
  const type = pick('jsonb_typeof(e.value)');
  const text = pick("e.value #>> '{}'");
  return {
    type,
    text,
    number: `(CASE WHEN ${type} = 'number' THEN ${text}::numeric END)`,
    isBoolean: (b: boolean) => `(${type} = 'boolean' AND ${text} = '${b ? 'true' : 'false'}')`,
    present: `(${type} IS NOT NULL AND ${type} <> 'null')`,
  };
}

function attributeEquals(ctx: CompileContext, key: string, value: Scalar): string {
  const a = attribute(ctx, key);
  if (typeof value === 'boolean') return a.isBoolean(value);
  if (typeof value === 'number') return `${a.number} = ${ctx.bind(value)}`;
  return `${a.text} = ${ctx.bind(value)}`;
}

registerSegmentFieldPrefix('attributes.', {
  ops: ['eq', 'neq', 'contains', 'gt', 'lt', 'exists', 'in'],
  compile: ({ op, value }, ctx, key) => {
    const k = key!;
    switch (op) {
      case 'eq':
        return attributeEquals(ctx, k, value as Scalar);
      case 'neq':
        // A missing attribute is "not equal" too.
        return `NOT COALESCE(${attributeEquals(ctx, k, value as Scalar)}, FALSE)`;
      case 'contains':
        return like(ctx, attribute(ctx, k).text, String(value));
      case 'gt':
      case 'lt': {
        const a = attribute(ctx, k);
        const expr = typeof value === 'number' ? a.number : a.text;
        return `${expr} ${op === 'gt' ? '>' : '<'} ${ctx.bind(value)}`;
      }
      case 'exists': {
        const present = attribute(ctx, k).present;
        return value === false ? `NOT ${present}` : present;
      }
      case 'in': {
        const values = value as Scalar[];
        const a = attribute(ctx, k);
        const parts: string[] = [];
        const strings = values.filter((v): v is string => typeof v === 'string');
        const numbers = values.filter((v): v is number => typeof v === 'number');
        if (strings.length) parts.push(`${a.text} IN ${ctx.bindList(strings)}`);
        if (numbers.length) parts.push(`${a.number} IN ${ctx.bindList(numbers)}`);
        for (const b of new Set(values.filter((v): v is boolean => typeof v === 'boolean'))) parts.push(a.isBoolean(b));
        return `(${parts.join(' OR ')})`;
      }
      default:
        throw new Error(`unreachable: ${op}`);
    }
  },
});
