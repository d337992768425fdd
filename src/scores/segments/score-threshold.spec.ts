import { scoreOf } from '../value-model';
import { scoreCondition, sumSatisfies } from './score-threshold';

describe('score comparisons in segments', () => {
  // Sums around every displayed tenth, including the exact rounding edges.
  const sums: number[] = [0, 1e-9];
  for (let s = 0.001; s < 120; s *= 1.0137) sums.push(s);
  const values = [0, 0.04, 0.05, 0.1, 6.7, 20, 29.3, 50, 50.04, 60, 60.05, 75, 99.9, 100];

  it.each(['gt', 'lt', 'eq'] as const)('"%s" selects exactly the sums whose displayed score compares so', (op) => {
    for (const value of values) {
      const condition = scoreCondition(op, value);
      for (const sum of sums) {
        const shown = scoreOf(sum);
        const expected = op === 'gt' ? shown > value : op === 'lt' ? shown < value : shown === value;
        if (sumSatisfies(condition, sum) !== expected)
          throw new Error(`${op} ${value}: sum ${sum} shows ${shown}, expected ${expected}`);
      }
    }
  });

  it('selects everyone for "gt" below the smallest score and nobody for "eq" between tenths', () => {
    expect(scoreCondition('gt', -1).include).toEqual({ kind: 'all' });
    expect(scoreCondition('eq', 60.03)).toEqual({ include: { kind: 'none' }, exclude: { kind: 'none' } });
    expect(scoreCondition('lt', 0).exclude).toEqual({ kind: 'all' });
  });
});
