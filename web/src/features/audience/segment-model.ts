import type { Scalar, SegmentCondition, SegmentFilter, SegmentOperator } from '../../api/types';
import { SUBSCRIBER_STATUSES } from '../../api/types';

// The visual segment builder edits a tree of groups and conditions; this file turns that tree into the
// engine's filter grammar ({all|any|not} and {field, op, value}, src/audience/segments/segment-filter.ts)
// and back, and remembers which builder row each clause came from so the server's problems land on the row.

export type FieldType = 'text' | 'number' | 'date' | 'enum' | 'list';

export interface FieldDef {
  /** The field name, or its prefix for keyed fields ("attributes.", "interest."). */
  name: string;
  type: FieldType;
  ops: readonly SegmentOperator[];
  group: 'profile' | 'value' | 'attributes';
  options?: readonly string[];
  /** Keyed fields take a key after the prefix: attributes.city, interest.brewing. */
  keyed?: boolean;
  /** 0–100 scores: the builder offers a slider-friendly range. */
  range?: [number, number];
}

const TEXT_OPS = ['eq', 'neq', 'contains', 'exists', 'in'] as const;
const SCORE_OPS = ['gt', 'lt', 'eq'] as const;

export const FIELDS: readonly FieldDef[] = [
  { name: 'email', type: 'text', ops: TEXT_OPS, group: 'profile' },
  { name: 'name', type: 'text', ops: TEXT_OPS, group: 'profile' },
  { name: 'status', type: 'enum', ops: ['eq', 'neq', 'in'], options: SUBSCRIBER_STATUSES, group: 'profile' },
  { name: 'list', type: 'list', ops: ['eq', 'neq', 'in'], group: 'profile' },
  { name: 'locale', type: 'text', ops: TEXT_OPS, group: 'profile' },
  { name: 'externalId', type: 'text', ops: TEXT_OPS, group: 'profile' },
  { name: 'createdAt', type: 'date', ops: ['gt', 'lt'], group: 'profile' },
  // Value fields come from the scores module (src/scores/segments/value-segment-fields.ts): scores 0–100 "at now".
  { name: 'value.engagement', type: 'number', ops: SCORE_OPS, group: 'value', range: [0, 100] },
  { name: 'value.functional', type: 'number', ops: SCORE_OPS, group: 'value', range: [0, 100] },
  { name: 'value.economic', type: 'number', ops: SCORE_OPS, group: 'value', range: [0, 100] },
  { name: 'value.emotional', type: 'number', ops: SCORE_OPS, group: 'value', range: [0, 100] },
  { name: 'value.symbolic', type: 'number', ops: SCORE_OPS, group: 'value', range: [0, 100] },
  {
    name: 'nps.class',
    type: 'enum',
    ops: ['eq', 'neq', 'in', 'exists'],
    options: ['promoter', 'passive', 'detractor'],
    group: 'value',
  },
  { name: 'nps.score', type: 'number', ops: ['gt', 'lt', 'eq', 'exists'], group: 'value', range: [0, 10] },
  { name: 'csat', type: 'number', ops: ['gt', 'lt', 'eq', 'exists'], group: 'value', range: [1, 5] },
  { name: 'ltv', type: 'number', ops: ['gt', 'lt'], group: 'value' },
  { name: 'loyalty.balance', type: 'number', ops: ['gt', 'lt', 'eq'], group: 'value' },
  {
    name: 'trial.status',
    type: 'enum',
    ops: ['eq', 'neq', 'in'],
    options: ['none', 'started', 'converted'],
    group: 'value',
  },
  { name: 'interest.', type: 'number', ops: ['exists', 'gt', 'lt'], group: 'value', keyed: true },
  {
    name: 'attributes.',
    type: 'text',
    ops: ['eq', 'neq', 'contains', 'gt', 'lt', 'exists', 'in'],
    group: 'attributes',
    keyed: true,
  },
];

export function fieldDef(name: string): FieldDef | undefined {
  return FIELDS.find((f) => f.name === name);
}

export interface ConditionNode {
  id: string;
  kind: 'condition';
  field: string;
  key: string;
  op: SegmentOperator;
  /** single value as typed */
  value: string;
  /** for "in" and multi-selects */
  values: string[];
}

export interface GroupNode {
  id: string;
  kind: 'group';
  match: 'all' | 'any';
  negate: boolean;
  children: BuilderNode[];
}

export type BuilderNode = ConditionNode | GroupNode;

let counter = 0;
export const newId = (): string => `n${++counter}`;

export function newCondition(field = 'status'): ConditionNode {
  const def = fieldDef(field) ?? FIELDS[0];
  return {
    id: newId(),
    kind: 'condition',
    field: def.name,
    key: '',
    op: def.ops[0],
    value: def.type === 'enum' && def.options ? def.options[0] : '',
    values: [],
  };
}

export function newGroup(children: BuilderNode[] = [newCondition()]): GroupNode {
  return { id: newId(), kind: 'group', match: 'all', negate: false, children };
}

const ATTRIBUTE_KEY = /^[A-Za-z0-9_]{1,64}$/;
// Topics are free text in knowledge content (src/scores/segments/value-segment-fields.ts).
const TOPIC_KEY = /^[\p{L}\p{N}_ .&'-]{1,60}$/u;
const keyPattern = (def: FieldDef) => (def.name === 'interest.' ? TOPIC_KEY : ATTRIBUTE_KEY);

/** The value the grammar wants, or undefined when the row is not filled in enough to send. */
export function conditionValue(node: ConditionNode, def: FieldDef): Scalar | Scalar[] | undefined | 'incomplete' {
  if (node.op === 'exists') return node.value === 'false' ? false : true;
  const numeric =
    def.type === 'number' ||
    def.type === 'list' ||
    (def.keyed && def.name === 'attributes.' && (node.op === 'gt' || node.op === 'lt') && isNumeric(node.value));
  const convert = (raw: string): Scalar | 'incomplete' => {
    const text = raw.trim();
    if (text === '') return 'incomplete';
    if (numeric) return isNumeric(text) ? Number(text) : 'incomplete';
    return text;
  };
  if (node.op === 'in') {
    const raw = node.values.length ? node.values : node.value.split(',');
    const values = raw.map(convert).filter((v): v is Scalar => v !== 'incomplete');
    return values.length ? values : 'incomplete';
  }
  if (node.values.length && (def.type === 'list' || def.type === 'enum') && !node.value) return convert(node.values[0]);
  return convert(node.value);
}

function isNumeric(text: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(text.trim());
}

export interface CompiledFilter {
  filter: SegmentFilter | null;
  /** filter path of each clause (as the server names it: "all[0].any[1]") → builder node id */
  paths: Record<string, string>;
  /** rows left out because they are not filled in */
  incomplete: string[];
}

/** The builder tree as the engine's filter; unfinished rows and empty groups are left out (and reported). */
export function toFilter(root: GroupNode): CompiledFilter {
  const paths: Record<string, string> = {};
  const incomplete: string[] = [];
  const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

  const compile = (node: BuilderNode, path: string): SegmentFilter | null => {
    if (node.kind === 'condition') {
      const def = fieldDef(node.field);
      if (!def || (def.keyed && !keyPattern(def).test(node.key))) {
        incomplete.push(node.id);
        return null;
      }
      const value = conditionValue(node, def);
      if (value === 'incomplete') {
        incomplete.push(node.id);
        return null;
      }
      paths[path || '(root)'] = node.id;
      const field = def.keyed ? `${def.name}${node.key}` : def.name;
      const condition: SegmentCondition = { field, op: node.op };
      if (value !== undefined) condition.value = value;
      return condition;
    }
    const inner = node.negate ? join(path, 'not') : path;
    const groupPath = join(inner, node.match);
    const children: SegmentFilter[] = [];
    for (const child of node.children) {
      const compiled = compile(child, `${groupPath}[${children.length}]`);
      if (compiled) children.push(compiled);
    }
    if (!children.length) return null;
    paths[path || '(root)'] ??= node.id;
    const group: SegmentFilter = node.match === 'all' ? { all: children } : { any: children };
    return node.negate ? { not: group } : group;
  };

  return { filter: compile(root, ''), paths, incomplete };
}

/** A saved filter back into builder rows (a bare condition or a negated condition gets a group around it). */
export function fromFilter(filter: SegmentFilter | null | undefined): GroupNode {
  if (!filter) return newGroup();
  const node = parse(filter);
  return node.kind === 'group' ? node : newGroup([node]);
}

function parse(filter: SegmentFilter): BuilderNode {
  if ('all' in filter || 'any' in filter) {
    const match = 'all' in filter ? 'all' : 'any';
    const children = ('all' in filter ? filter.all : filter.any).map(parse);
    return { id: newId(), kind: 'group', match, negate: false, children };
  }
  if ('not' in filter) {
    const inner = parse(filter.not);
    if (inner.kind === 'group' && !inner.negate) return { ...inner, negate: true };
    return { id: newId(), kind: 'group', match: 'all', negate: true, children: [inner] };
  }
  const def = FIELDS.find((f) => (f.keyed ? filter.field.startsWith(f.name) : f.name === filter.field));
  const field = def?.name ?? filter.field;
  const key = def?.keyed ? filter.field.slice(def.name.length) : '';
  const values = Array.isArray(filter.value) ? filter.value.map(String) : [];
  const value = Array.isArray(filter.value)
    ? ''
    : filter.value === undefined
      ? filter.op === 'exists'
        ? 'true'
        : ''
      : String(filter.value);
  return { id: newId(), kind: 'condition', field, key, op: filter.op, value, values };
}

// ---- tree edits (immutable)

export function updateNode(root: GroupNode, id: string, change: (node: BuilderNode) => BuilderNode | null): GroupNode {
  const visit = (node: BuilderNode): BuilderNode | null => {
    if (node.id === id) return change(node);
    if (node.kind === 'condition') return node;
    const children = node.children.map(visit).filter((c): c is BuilderNode => c !== null);
    return { ...node, children };
  };
  return (visit(root) as GroupNode | null) ?? newGroup([]);
}

/** Changing a row's field resets what no longer fits (operator, value). */
export function withField(node: ConditionNode, field: string): ConditionNode {
  const def = fieldDef(field);
  if (!def) return { ...node, field };
  const op = def.ops.includes(node.op) ? node.op : def.ops[0];
  const value = def.type === 'enum' && def.options ? def.options[0] : '';
  return { ...node, field, key: def.keyed ? node.key : '', op, value, values: [] };
}
