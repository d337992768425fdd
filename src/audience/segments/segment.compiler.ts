import { Condition, FilterNode, invalidSegment, walkFilter } from './segment-filter';
import { CompileContext, Dialect, lookupField } from './segment-fields';

export interface CompiledSegment {
  /** A boolean SQL expression over alias `s` (subscribers) with named placeholders only. */
  sql: string;
  params: Record<string, unknown>;
}

/** Checks a filter against the grammar and the field registry; throws AudienceException (400) naming each bad clause. */
export function validateSegmentFilter(filter: unknown): asserts filter is FilterNode {
  const problems = walkFilter(filter, (condition, path, out) => {
    const found = lookupField(condition.field);
    if ('problem' in found) {
      out.push(`${path === '(root)' ? 'field' : `${path}.field`}: ${found.problem}`);
      return;
    }
    const opPath = path === '(root)' ? 'op' : `${path}.op`;
    if (!found.definition.ops.includes(condition.op)) {
      out.push(
        `${opPath}: operator "${condition.op}" does not apply to ${condition.field} (use ${found.definition.ops.join(', ')})`,
      );
      return;
    }
    const problem = found.definition.check?.(condition, found.key);
    if (problem) out.push(`${path === '(root)' ? 'value' : `${path}.value`}: ${problem}`);
  });
  if (problems.length) throw invalidSegment(problems);
}

/**
 * Compiles a segment filter to a WHERE expression for a query over `subscribers s`.
 * Every value is a bound parameter; only registry-owned SQL fragments are emitted.
 */
export function compileSegment(filter: unknown, dialect: Dialect, prefix = 'seg'): CompiledSegment {
  validateSegmentFilter(filter);
  const params: Record<string, unknown> = {};
  let n = 0;
  let aliases = 0;
  const ctx: CompileContext = {
    dialect,
    bind: (value) => {
      const name = `${prefix}_${n++}`;
      // better-sqlite3 cannot bind booleans.
      params[name] = typeof value === 'boolean' && dialect === 'sqlite' ? Number(value) : value;
      return `:${name}`;
    },
    bindList: (values) => {
      const name = `${prefix}_${n++}`;
      params[name] = values;
      return `(:...${name})`;
    },
    alias: (p) => `${prefix}_${p}${aliases++}`,
  };
  const compile = (node: FilterNode): string => {
    if ('all' in node) return `(${node.all.map(compile).join(' AND ')})`;
    if ('any' in node) return `(${node.any.map(compile).join(' OR ')})`;
    if ('not' in node) return `NOT COALESCE(${compile(node.not)}, FALSE)`;
    const condition = node as Condition;
    const found = lookupField(condition.field);
    if ('problem' in found) throw invalidSegment([found.problem]);
    return `(${found.definition.compile(condition, ctx, found.key)})`;
  };
  return { sql: compile(filter), params };
}
