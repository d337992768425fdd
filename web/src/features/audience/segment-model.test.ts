import { describe, expect, it } from 'vitest';
import { fromFilter, toFilter, updateNode, withField, type ConditionNode, type GroupNode } from './segment-model';

let n = 0;
const cond = (field: string, op: ConditionNode['op'], value = '', values: string[] = [], key = ''): ConditionNode => ({
  id: `c${++n}`,
  kind: 'condition',
  field,
  key,
  op,
  value,
  values,
});
const group = (match: 'all' | 'any', children: GroupNode['children'], negate = false): GroupNode => ({
  id: `g${++n}`,
  kind: 'group',
  match,
  negate,
  children,
});

describe('segment builder → filter JSON', () => {
  it('turns rows into the engine grammar with typed values', () => {
    const root = group('all', [
      cond('status', 'eq', 'active'),
      cond('list', 'in', '', ['3', '7']),
      cond('value.economic', 'gt', '60'),
      cond('attributes.', 'eq', 'Utrecht', [], 'city'),
      cond('attributes.', 'gt', '5', [], 'orders'),
      cond('nps.class', 'eq', 'detractor'),
      cond('interest.', 'exists', 'true', [], 'brewing'),
      group('any', [cond('email', 'contains', '@example.nl'), cond('locale', 'in', '', ['nl', 'en'])], true),
    ]);
    const { filter, incomplete } = toFilter(root);
    expect(incomplete).toEqual([]);
    expect(filter).toEqual({
      all: [
        { field: 'status', op: 'eq', value: 'active' },
        { field: 'list', op: 'in', value: [3, 7] },
        { field: 'value.economic', op: 'gt', value: 60 },
        { field: 'attributes.city', op: 'eq', value: 'Utrecht' },
        { field: 'attributes.orders', op: 'gt', value: 5 },
        { field: 'nps.class', op: 'eq', value: 'detractor' },
        { field: 'interest.brewing', op: 'exists', value: true },
        {
          not: {
            any: [
              { field: 'email', op: 'contains', value: '@example.nl' },
              { field: 'locale', op: 'in', value: ['nl', 'en'] },
            ],
          },
        },
      ],
    });
  });

  it('leaves unfinished rows and empty groups out, and says which', () => {
    const empty = cond('ltv', 'gt', '');
    const badKey = cond('attributes.', 'eq', 'x', [], 'my city');
    const root = group('all', [empty, cond('status', 'eq', 'active'), group('any', [badKey])]);
    const { filter, incomplete } = toFilter(root);
    expect(filter).toEqual({ all: [{ field: 'status', op: 'eq', value: 'active' }] });
    expect(incomplete).toEqual([empty.id, badKey.id]);
  });

  it('gives no filter at all when nothing is complete', () => {
    expect(toFilter(group('all', [cond('name', 'eq', '')])).filter).toBeNull();
  });

  it('names each clause as the server does, so its problems land on the right row', () => {
    const a = cond('status', 'eq', 'active');
    const skipped = cond('name', 'eq', '');
    const b = cond('ltv', 'gt', '500');
    const c = cond('email', 'contains', 'x');
    const root = group('all', [a, skipped, b, group('any', [c], true)]);
    const { paths } = toFilter(root);
    // The unfinished row is left out, so b is all[1], not all[2].
    expect(paths['all[0]']).toBe(a.id);
    expect(paths['all[1]']).toBe(b.id);
    expect(paths['all[2].not.any[0]']).toBe(c.id);
  });

  it('reads a saved filter back into rows that compile to the same filter', () => {
    const saved = {
      all: [
        { field: 'status', op: 'in', value: ['active', 'bounced'] },
        { not: { field: 'list', op: 'eq', value: 2 } },
        {
          any: [
            { field: 'attributes.plan', op: 'eq', value: 'pro' },
            { field: 'value.emotional', op: 'lt', value: 20 },
          ],
        },
      ],
    } as const;
    const tree = fromFilter(saved as never);
    expect(toFilter(tree).filter).toEqual({
      all: [
        { field: 'status', op: 'in', value: ['active', 'bounced'] },
        { not: { all: [{ field: 'list', op: 'eq', value: 2 }] } },
        {
          any: [
            { field: 'attributes.plan', op: 'eq', value: 'pro' },
            { field: 'value.emotional', op: 'lt', value: 20 },
          ],
        },
      ],
    });
  });

  it('resets operator and value when the field changes to one they do not fit', () => {
    const row = cond('email', 'contains', 'abc');
    expect(withField(row, 'value.economic')).toMatchObject({ field: 'value.economic', op: 'gt', value: '' });
    expect(withField(row, 'status')).toMatchObject({ field: 'status', op: 'eq', value: 'active' });
  });

  it('edits and removes nodes without touching the rest', () => {
    const a = cond('status', 'eq', 'active');
    const b = cond('name', 'eq', 'Anna');
    const root = group('all', [a, b]);
    const removed = updateNode(root, a.id, () => null);
    expect(removed.children).toEqual([b]);
    expect(root.children).toHaveLength(2);
  });
});
