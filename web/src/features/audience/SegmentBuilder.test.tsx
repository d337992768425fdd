import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../test/render';
import { SegmentBuilder } from './SegmentBuilder';
import { toFilter, type GroupNode } from './segment-model';

function Harness({
  initial,
  onFilter,
  errors,
}: {
  initial: GroupNode;
  onFilter: (f: unknown) => void;
  errors?: Record<string, string>;
}) {
  const [tree, setTree] = useState(initial);
  return (
    <SegmentBuilder
      value={tree}
      onChange={(next) => {
        setTree(next);
        onFilter(toFilter(next).filter);
      }}
      errors={errors}
    />
  );
}

const tree = (): GroupNode => ({
  id: 'root',
  kind: 'group',
  match: 'all',
  negate: false,
  children: [{ id: 'row1', kind: 'condition', field: 'name', key: '', op: 'contains', value: '', values: [] }],
});

describe('SegmentBuilder', () => {
  it('builds the filter JSON as the marketer types and adds rows', () => {
    const onFilter = vi.fn();
    renderWithApp(<Harness initial={tree()} onFilter={onFilter} />);
    fireEvent.change(screen.getByRole('textbox', { name: 'Value (condition)' }), { target: { value: 'Anna' } });
    expect(onFilter).toHaveBeenLastCalledWith({ all: [{ field: 'name', op: 'contains', value: 'Anna' }] });

    fireEvent.click(screen.getByRole('button', { name: 'Add condition' }));
    expect(screen.getAllByTestId('segment-condition')).toHaveLength(2);
    // The new row (status is active) is complete at once.
    expect(onFilter).toHaveBeenLastCalledWith({
      all: [
        { field: 'name', op: 'contains', value: 'Anna' },
        { field: 'status', op: 'eq', value: 'active' },
      ],
    });

    fireEvent.click(screen.getAllByRole('button', { name: 'Remove condition' })[0]);
    expect(onFilter).toHaveBeenLastCalledWith({ all: [{ field: 'status', op: 'eq', value: 'active' }] });
  });

  it('switches the group between all and any, and negates it', () => {
    const onFilter = vi.fn();
    const initial = tree();
    (initial.children[0] as { value: string }).value = 'x';
    renderWithApp(<Harness initial={initial} onFilter={onFilter} />);
    fireEvent.click(screen.getByRole('radio', { name: 'any' }));
    expect(onFilter).toHaveBeenLastCalledWith({ any: [{ field: 'name', op: 'contains', value: 'x' }] });
    fireEvent.click(screen.getByRole('checkbox', { name: 'not' }));
    expect(onFilter).toHaveBeenLastCalledWith({ not: { any: [{ field: 'name', op: 'contains', value: 'x' }] } });
  });

  it('shows the server’s problem under the row it belongs to', () => {
    renderWithApp(
      <Harness
        initial={tree()}
        onFilter={() => undefined}
        errors={{ row1: 'expected a number from 0 to 100, got "x"' }}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe('expected a number from 0 to 100, got "x"');
  });
});
