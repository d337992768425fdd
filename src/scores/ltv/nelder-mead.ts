// Nelder–Mead simplex minimisation (Lagarias et al. 1998 coefficients). Kept
// small and local: no optimiser package is installed (fmin would do).

export interface MinimumFound {
  x: number[];
  value: number;
  iterations: number;
  converged: boolean;
}

export function nelderMead(
  f: (x: number[]) => number,
  start: number[],
  options: { step?: number; maxIterations?: number; valueTolerance?: number; pointTolerance?: number } = {},
): MinimumFound {
  const n = start.length;
  const step = options.step ?? 0.5;
  const maxIterations = options.maxIterations ?? 2000;
  const valueTolerance = options.valueTolerance ?? 1e-10;
  const pointTolerance = options.pointTolerance ?? 1e-6;
  // A non-finite value (outside the domain) is worse than any finite one.
  const value = (x: number[]) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let simplex = [start, ...start.map((_, i) => start.map((s, j) => (i === j ? s + step : s)))].map((x) => ({
    x,
    v: value(x),
  }));
  const combine = (a: number[], b: number[], t: number) => a.map((ai, i) => ai + t * (b[i] - ai));

  for (let iteration = 0; iteration < maxIterations; iteration++) {
    simplex.sort((p, q) => p.v - q.v);
    const best = simplex[0];
    const worst = simplex[n];
    const spread = Math.abs(worst.v - best.v);
    const size = Math.max(...simplex.slice(1).map((p) => Math.max(...p.x.map((xi, i) => Math.abs(xi - best.x[i])))));
    if (spread <= valueTolerance * (Math.abs(best.v) + valueTolerance) && size <= pointTolerance) {
      return { x: best.x, value: best.v, iterations: iteration, converged: true };
    }
    const centroid = start.map((_, i) => simplex.slice(0, n).reduce((s, p) => s + p.x[i], 0) / n);
    const reflected = combine(centroid, worst.x, -1);
    const vr = value(reflected);
    if (vr < best.v) {
      const expanded = combine(centroid, worst.x, -2);
      const ve = value(expanded);
      simplex[n] = ve < vr ? { x: expanded, v: ve } : { x: reflected, v: vr };
      continue;
    }
    if (vr < simplex[n - 1].v) {
      simplex[n] = { x: reflected, v: vr };
      continue;
    }
    const outside = vr < worst.v;
    const contracted = outside ? combine(centroid, reflected, 0.5) : combine(centroid, worst.x, 0.5);
    const vc = value(contracted);
    if (vc < (outside ? vr : worst.v)) {
      simplex[n] = { x: contracted, v: vc };
      continue;
    }
    simplex = simplex
      .map((p, i) => (i === 0 ? p : { x: combine(best.x, p.x, 0.5), v: NaN }))
      .map((p) => (Number.isNaN(p.v) ? { x: p.x, v: value(p.x) } : p));
  }
  simplex.sort((p, q) => p.v - q.v);
  return { x: simplex[0].x, value: simplex[0].v, iterations: maxIterations, converged: false };
}
