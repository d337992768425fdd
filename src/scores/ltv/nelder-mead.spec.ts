import { nelderMead } from './nelder-mead';

describe('nelderMead', () => {
  it('finds the minimum of the Rosenbrock valley at (1, 1)', () => {
    const rosenbrock = ([x, y]: number[]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2;
    const found = nelderMead(rosenbrock, [-1.2, 1], { tolerance: 1e-12 });
    expect(found.converged).toBe(true);
    expect(found.point[0]).toBeCloseTo(1, 5);
    expect(found.point[1]).toBeCloseTo(1, 5);
    expect(found.value).toBeLessThan(1e-10);
  });

  it('minimises a shifted quadratic in four dimensions', () => {
    const target = [0.3, -2, 5, 1.5];
    const found = nelderMead((p) => p.reduce((s, c, i) => s + (i + 1) * (c - target[i]) ** 2, 0), [0, 0, 0, 0], { tolerance: 1e-12 });
    found.point.forEach((c, i) => expect(c).toBeCloseTo(target[i], 5));
  });

  it('steps around points outside the domain', () => {
    // ln is undefined below 0: NaN there counts as worse than anything.
    const found = nelderMead(([x]) => x - Math.log(x), [3]);
    expect(found.point[0]).toBeCloseTo(1, 5);
  });

  it('reports when it ran out of iterations', () => {
    const found = nelderMead(([x, y]) => (x - 1e6) ** 2 + y * y, [0, 0], { maxIterations: 5 });
    expect(found.converged).toBe(false);
    expect(found.iterations).toBe(5);
  });
});
