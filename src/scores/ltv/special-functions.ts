// Special functions the BG/NBD model needs. No maintained npm package for them
// is installed (candidates: @stdlib/math-base-special-gammaln, fmin); these are
// the textbook algorithms, checked against published values in the spec.

// Lanczos approximation, g = 7, 9 coefficients (Numerical Recipes / Godfrey): ~15 significant digits.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0. */
export function gammaln(x: number): number {
  if (!(x > 0)) throw new RangeError(`gammaln needs x > 0, got ${x}`);
  // Reflection keeps the approximation in its accurate range.
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - gammaln(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

const MAX_TERMS = 2_000_000;

/** The Gauss series Σ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ for 0 ≤ z < 1. */
function gaussSeries(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < MAX_TERMS; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (Math.abs(term) <= 1e-15 * Math.abs(sum) && n > 2) return sum;
  }
  throw new RangeError(`2F1(${a}, ${b}; ${c}; ${z}) did not converge`);
}

/**
 * Gauss hypergeometric ₂F₁(a, b; c; z) for real z < 1 and c > 0. Negative z
 * goes through the Pfaff transformation (1−z)^(−b) ₂F₁(c−a, b; c; z/(z−1)),
 * whose argument lies in [0, 1), so one series serves both sides.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z < 1)) throw new RangeError(`hyp2f1 needs z < 1, got ${z}`);
  if (!(c > 0)) throw new RangeError(`hyp2f1 needs c > 0, got ${c}`);
  if (z >= 0) return gaussSeries(a, b, c, z);
  return (1 - z) ** -b * gaussSeries(c - a, b, c, z / (z - 1));
}

/** ∫₀ᴴ f(s) ds for a smooth f, by composite Simpson over `intervals` (even) panels of u = ln(1 + s/scale). */
export function integrateLogScale(f: (s: number) => number, upper: number, scale: number, intervals = 256): number {
  if (upper <= 0) return 0;
  // f decays on the scale `scale`; in u = ln(1 + s/scale) it is smooth all the way to the horizon.
  const U = Math.log1p(upper / scale);
  const h = U / intervals;
  const g = (u: number) => {
    const e = Math.exp(u);
    return f(scale * (e - 1)) * scale * e;
  };
  let sum = g(0) + g(U);
  for (let i = 1; i < intervals; i++) sum += (i % 2 === 1 ? 4 : 2) * g(i * h);
  return (sum * h) / 3;
}
