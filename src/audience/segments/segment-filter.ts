import { AudienceErrorCode, AudienceException } from '../audience.exception';

export const OPERATORS = ['eq', 'neq', 'contains', 'gt', 'lt', 'exists', 'in'] as const;
export type Operator = (typeof OPERATORS)[number];
export type Scalar = string | number | boolean;

export interface Condition {
  field: string;
  op: Operator;
  value?: Scalar | Scalar[];
}
export type FilterNode = { all: FilterNode[] } | { any: FilterNode[] } | { not: FilterNode } | Condition;

const MAX_DEPTH = 6;
const MAX_CONDITIONS = 200;
const MAX_IN_VALUES = 1000;

/** Thrown by validation with every problem, each prefixed by its clause path. */
export function invalidSegment(problems: string[]): AudienceException {
  return new AudienceException(AudienceErrorCode.InvalidSegment, problems.join('; '), problems);
}

export function isScalar(value: unknown): value is Scalar {
  return (
    typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))
  );
}

/** Structural checks only (shape, operators, value types); field checks live in the registry. */
export function walkFilter(
  node: unknown,
  visit: (condition: Condition, path: string, problems: string[]) => void,
  path = '',
  problems: string[] = [],
  depth = 0,
  counter = { n: 0 },
): string[] {
  const at = path || '(root)';
  if (depth > MAX_DEPTH) {
    problems.push(`${at}: nested deeper than ${MAX_DEPTH} levels`);
    return problems;
  }
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    problems.push(`${at}: expected an object with "all", "any", "not" or a condition {field, op, value}`);
    return problems;
  }
  const keys = Object.keys(node);
  const record = node as Record<string, unknown>;
  for (const group of ['all', 'any'] as const) {
    if (group in record) {
      if (keys.length !== 1)
        problems.push(
          `${at}: "${group}" cannot be combined with ${keys
            .filter((k) => k !== group)
            .map((k) => `"${k}"`)
            .join(', ')}`,
        );
      const children = record[group];
      if (!Array.isArray(children) || children.length === 0) {
        problems.push(`${join(path, group)}: expected a non-empty array of clauses`);
        return problems;
      }
      children.forEach((child, i) =>
        walkFilter(child, visit, `${join(path, group)}[${i}]`, problems, depth + 1, counter),
      );
      return problems;
    }
  }
  if ('not' in record) {
    if (keys.length !== 1) problems.push(`${at}: "not" cannot be combined with other keys`);
    walkFilter(record.not, visit, join(path, 'not'), problems, depth + 1, counter);
    return problems;
  }
  const unknown = keys.filter((k) => !['field', 'op', 'value'].includes(k));
  if (unknown.length) problems.push(`${at}: unknown key ${unknown.map((k) => `"${k}"`).join(', ')}`);
  if (typeof record.field !== 'string' || !record.field) {
    problems.push(`${join(path, 'field')}: expected a field name`);
    return problems;
  }
  if (typeof record.op !== 'string' || !(OPERATORS as readonly string[]).includes(record.op)) {
    problems.push(`${join(path, 'op')}: unknown operator ${JSON.stringify(record.op)} (use ${OPERATORS.join(', ')})`);
    return problems;
  }
  if (++counter.n > MAX_CONDITIONS) {
    problems.push(`${at}: more than ${MAX_CONDITIONS} conditions`);
    return problems;
  }
  const op = record.op as Operator;
  const value = record.value;
  const valuePath = join(path, 'value');
  if (op === 'in') {
    if (!Array.isArray(value) || value.length === 0 || value.length > MAX_IN_VALUES || !value.every(isScalar)) {
      problems.push(
        `${valuePath}: "in" needs a non-empty array (at most ${MAX_IN_VALUES}) of strings, numbers or booleans`,
      );
      return problems;
    }
  } else if (op === 'exists') {
    if (value !== undefined && typeof value !== 'boolean') {
      problems.push(`${valuePath}: "exists" takes true, false or no value`);
      return problems;
    }
  } else if (op === 'contains') {
    if (typeof value !== 'string' || !value) {
      problems.push(`${valuePath}: "contains" needs a non-empty string`);
      return problems;
    }
  } else if (op === 'gt' || op === 'lt') {
    if (typeof value !== 'number' && typeof value !== 'string') {
      problems.push(`${valuePath}: "${op}" needs a number or a string (dates as ISO 8601)`);
      return problems;
    }
    if (typeof value === 'number' && !Number.isFinite(value)) {
      problems.push(`${valuePath}: "${op}" needs a finite number`);
      return problems;
    }
  } else if (!isScalar(value)) {
    problems.push(`${valuePath}: "${op}" needs a string, number or boolean`);
    return problems;
  }
  visit({ field: record.field, op, value: value as Scalar | Scalar[] | undefined }, path || '(root)', problems);
  return problems;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
