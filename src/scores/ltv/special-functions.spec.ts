import { gammaln, hyp2f1, integrateLogScale } from './special-functions';
import { nelderMead } from './nelder-mead';

describe('special functions', () => {
  it('gammaln matches ln Γ at known values (exact ones and scipy.special.gammaln)', () => {
    expect(gammaln(1)).toBeCloseTo(0, 13);
    expect(gammaln(2)).toBeCloseTo(0, 13);
    expect(gammaln(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(gammaln(10)).toBeCloseTo(Math.log(362880), 12);
    expect(gammaln(100)).toBeCloseTo(359.1342053695754, 10);
    expect(gammaln(0.243)).toBeCloseTo(1.3180435846996699, 12);
    expect(gammaln(1e-3)).toBeCloseTo(6.907178885383853, 12);
    expect(gammaln(31.426)).toBeCloseTo(76.1171679920398, 10);
    expect(() => gammaln(0)).toThrow(RangeError);
  });

  it('hyp2f1 matches closed forms and scipy.special.hyp2f1 on both sides of 0', () => {
    // ₂F₁(1, 1; 2; z) = −ln(1 − z) / z; ₂F₁(a, b; b; z) = (1 − z)^(−a).
    for (const z of [0.5, 0.9, -3, -40]) expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log(1 - z) / z, 12);
    expect(hyp2f1(2.5, 1.7, 1.7, -0.8)).toBeCloseTo(1.8 ** -2.5, 12);
    expect(hyp2f1(2.243, 0.793, 5.219, -10)).toBeCloseTo(0.30149803840562583, 12);
    expect(hyp2f1(2.243, 4.426, 4.219, 0.5)).toBeCloseTo(5.161693901383611, 11);
    expect(hyp2f1(0.243, 2.426, 2.219, 0.95)).toBeCloseTo(2.4461866770309872, 11);
    expect(hyp2f1(1, 1, 2, 0)).toBe(1);
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
  });

  it('integrates on a log scale: ∫₀³⁶ (1 + s)^(−2) ds = 1 − 1/37, ∫₀¹⁰ 1 ds = 10', () => {
    expect(integrateLogScale((s) => (1 + s) ** -2, 36, 1)).toBeCloseTo(1 - 1 / 37, 8);
    expect(integrateLogScale(() => 1, 10, 2)).toBeCloseTo(10, 8);
    expect(integrateLogScale(() => 1, 0, 2)).toBe(0);
  });

  it('Nelder–Mead finds the minimum of the Rosenbrock valley and of a shifted bowl', () => {
    const rosenbrock = ([x, y]: number[]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
    const found = nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 5000 });
    expect(found.converged).toBe(true);
    expect(found.x[0]).toBeCloseTo(1, 4);
    expect(found.x[1]).toBeCloseTo(1, 4);
    const bowl = nelderMead((v) => v.reduce((s, vi, i) => s + (vi - i) ** 2, 0), [5, 5, 5, 5]);
    bowl.x.forEach((vi, i) => expect(vi).toBeCloseTo(i, 4));
    // Outside the domain (Infinity) is never chosen.
    const bounded = nelderMead(([x]) => (x < 0 ? Infinity : (x - 2) ** 2), [0.5]);
    expect(bounded.x[0]).toBeCloseTo(2, 4);
  });
});
