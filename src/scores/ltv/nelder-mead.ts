export interface MinimumFound {
  point: number[];
  value: number;
  iterations: number;
  converged: boolean;
}

export interface NelderMeadOptions {
  /** Size of the first simplex's steps from the start, per coordinate. */
  step?: number;
  /** Stop when the simplex's values and coordinates all lie within this of the best vertex. */
  tolerance?: number;
  maxIterations?: number;
}

/**
 * Minimises f by the Nelder–Mead simplex method (standard coefficients:
 * reflect 1, expand 2, contract ½, shrink ½). f may return Infinity or NaN
 * for points outside its domain; they are treated as worse than any other.
 */
export function nelderMead(f: (point: number[]) => number, start: number[], options: NelderMeadOptions = {}): MinimumFound {
  const { step = 0.5, tolerance = 1e-9, maxIterations = 5000 } = options;
  const n = start.length;
  const value = (p: number[]) => {
    const v = f(p);
    return Number.isFinite(v) ? v : Infinity;
  };
  let simplex = [start, ...start.map((_, i) => start.map((c, j) => (i === j ? c + step : c)))].map((p) => ({ p, v: value(p) }));
  const combine = (a: number[], b: number[], t: number) => a.map((c, i) => c + t * (b[i] - c));

  for (let iteration = 0; iteration < maxIterations; iteration++) {
    simplex.sort((x, y) => x.v - y.v);
    const best = simplex[0];
    const worst = simplex[n];
    const spread = Math.max(...simplex.map((s) => Math.abs(s.v - best.v)));
    const size = Math.max(...simplex.flatMap((s) => s.p.map((c, i) => Math.abs(c - best.p[i]))));
    if (spread <= tolerance && size <= tolerance) return { point: best.p, value: best.v, iterations: iteration, converged: true };

    const centroid = new Array<number>(n).fill(0);
    for (const s of simplex.slice(0, n)) s.p.forEach((c, i) => (centroid[i] += c / n));
    const reflected = combine(centroid, worst.p, -1);
    const r = value(reflected);
    if (r < best.v) {
      const expanded = combine(centroid, worst.p, -2);
      const e = value(expanded);
      simplex[n] = e < r ? { p: expanded, v: e } : { p: reflected, v: r };
      continue;
    }
    if (r < simplex[n - 1].v) {
      simplex[n] = { p: reflected, v: r };
      continue;
    }
    // Contract towards the better of the worst vertex and its reflection.
    const outside = r < worst.v;
    const contracted = combine(centroid, outside ? reflected : worst.p, 0.5);
    const c = value(contracted);
    if (c < (outside ? r : worst.v)) {
      simplex[n] = { p: contracted, v: c };
      continue;
    }
    simplex = simplex.map((s, i) => (i === 0 ? s : { p: combine(best.p, s.p, 0.5), v: NaN })).map((s) => ({ p: s.p, v: Number.isNaN(s.v) ? value(s.p) : s.v }));
  }
  simplex.sort((x, y) => x.v - y.v);
  return { point: simplex[0].p, value: simplex[0].v, iterations: maxIterations, converged: false };
}
