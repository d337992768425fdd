import { gammaln, hyp2f1, integrateLogScale } from './special-functions';
import { nelderMead } from './nelder-mead';

// The BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the
// easy way"). While active, a customer buys at rate λ ~ Gamma(r, α); after
// each repeat purchase they leave for good with probability p ~ Beta(a, b).
// Time is in months throughout.

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** One customer's purchase history: x repeat purchases, the last at t_x, observed for T since the first. */
export interface PurchaseHistory {
  x: number;
  tx: number;
  T: number;
}

/**
 * The published CDNOW fit (r 0.243, α 4.414 weeks, a 0.793, b 2.426) with α in
 * months (4.414 / (365.25 / 12 / 7)): the prior used until a shop has enough
 * customers of its own to fit.
 */
export const CDNOW_WEEKLY: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
export const DEFAULT_PARAMS: BgNbdParams = { ...CDNOW_WEEKLY, alpha: CDNOW_WEEKLY.alpha / (365.25 / 12 / 7) };

/** ln L summed over customers (FHL 2005, eq. 6). */
export function logLikelihood(histories: readonly PurchaseHistory[], params: BgNbdParams): number {
  const { r, alpha, a, b } = params;
  // The Γ terms depend on x only: once per distinct x (a few dozen) instead of once per customer.
  const constant = -gammaln(r) + r * Math.log(alpha) + gammaln(a + b) - gammaln(b);
  const byX = new Map<number, number>();
  const termOf = (x: number) => {
    let term = byX.get(x);
    if (term === undefined) byX.set(x, (term = constant + gammaln(r + x) + gammaln(b + x) - gammaln(a + b + x)));
    return term;
  };
  let sum = 0;
  for (const { x, tx, T } of histories) {
    const a3 = -(r + x) * Math.log(alpha + T);
    if (x === 0) {
      sum += termOf(0) + a3;
      continue;
    }
    const a4 = Math.log(a / (b + x - 1)) - (r + x) * Math.log(alpha + tx);
    const high = Math.max(a3, a4);
    sum += termOf(x) + high + Math.log1p(Math.exp(Math.min(a3, a4) - high));
  }
  return sum;
}

// Parameters are fitted on a log scale (always positive) within these bounds, so a
// population with no visible dropout cannot send b to infinity.
const LOG_BOUND = Math.log(1e4);

/**
 * A weak prior on each log-parameter: normal around `center` with a standard
 * deviation of a factor `spread`. With a few dozen customers the likelihood is
 * nearly flat along some directions (a and b can grow together without limit)
 * and the prior picks the sensible end; with thousands the data outweigh it.
 */
export interface BgNbdPrior {
  center: BgNbdParams;
  spread: number;
}

export const DEFAULT_PRIOR: BgNbdPrior = { center: DEFAULT_PARAMS, spread: 10 };

/** The parameters that maximise ln L (+ the log prior, when given), by Nelder–Mead on log-parameters. */
export function fitBgNbd(
  histories: readonly PurchaseHistory[],
  prior: BgNbdPrior | null = DEFAULT_PRIOR,
): { params: BgNbdParams; logLikelihood: number; converged: boolean } {
  const toParams = (v: number[]): BgNbdParams => ({
    r: Math.exp(v[0]),
    alpha: Math.exp(v[1]),
    a: Math.exp(v[2]),
    b: Math.exp(v[3]),
  });
  const start = prior?.center ?? DEFAULT_PARAMS;
  const center = [start.r, start.alpha, start.a, start.b].map(Math.log);
  const sd = Math.log(prior?.spread ?? 10);
  const logPrior = (v: number[]) =>
    prior ? -v.reduce((sum, vi, i) => sum + (vi - center[i]) ** 2, 0) / (2 * sd * sd) : 0;
  const objective = (v: number[]) =>
    v.some((vi) => Math.abs(vi) > LOG_BOUND) ? Infinity : -logLikelihood(histories, toParams(v)) - logPrior(v);
  const first = nelderMead(objective, center, { step: 0.5, maxIterations: 4000 });
  // One restart from the first answer with a small simplex: it escapes a simplex that collapsed early.
  const again = nelderMead(objective, first.x, { step: 0.05, maxIterations: 4000 });
  const found = again.value <= first.value ? again : first;
  return {
    params: toParams(found.x),
    logLikelihood: logLikelihood(histories, toParams(found.x)),
    converged: first.converged && again.converged,
  };
}

/** P(still a customer | x, t_x, T) (FHL 2005, eq. 13); with no repeat purchase the model cannot have seen a dropout: 1. */
export function pAlive({ x, tx, T }: PurchaseHistory, { r, alpha, a, b }: BgNbdParams): number {
  if (x === 0) return 1;
  return 1 / (1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x));
}

/**
 * P(still a customer s months from now | a customer now, the history):
 * E[e^(−λps)] over λ ~ Gamma(r+x, α+T), p ~ Beta(a, b+x) = ₂F₁(a, r+x; a+b+x; −s/(α+T)).
 * (₂F₁ is symmetric in its first two parameters; this order makes the series after
 * the Pfaff transformation (1+s/(α+T))^(−(r+x)) Σ (r+x)ₙ(b+x)ₙ/((a+b+x)ₙ n!) wⁿ, whose terms stay small for any a, b.)
 */
export function survivalOf({ x, T }: PurchaseHistory, { r, alpha, a, b }: BgNbdParams, s: number): number {
  return hyp2f1(a, r + x, a + b + x, -s / (alpha + T));
}

/** Expected months still a customer within the next `horizon` months: P(alive) × ∫₀ᴴ survival(s) ds. */
export function expectedActiveMonths(h: PurchaseHistory, params: BgNbdParams, horizon: number): number {
  return pAlive(h, params) * integrateLogScale((s) => survivalOf(h, params, s), horizon, params.alpha + h.T);
}

/**
 * Expected purchases within the next `horizon` months (FHL 2005, eq. 10):
 * (a+b+x−1)/(a−1) × [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] / (1 + [x>0] a/(b+x−1) ((α+T)/(α+t_x))^(r+x)).
 * (Both factors change sign together when a < 1; a = 1 has no closed form.)
 */
export function expectedPurchasesClosedForm(
  { x, tx, T }: PurchaseHistory,
  { r, alpha, a, b }: BgNbdParams,
  horizon: number,
): number {
  const t = horizon;
  const head = (a + b + x - 1) / (a - 1);
  const tail =
    1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
  return head * tail * pAlive({ x, tx, T }, { r, alpha, a, b });
}

/** Expected purchases within the next `horizon` months: P(alive) × ∫₀ᴴ E[λ e^(−λps)] ds, the same as eq. 10 for any a. */
export function expectedPurchases(h: PurchaseHistory, params: BgNbdParams, horizon: number): number {
  const { r, alpha, a, b } = params;
  const rate = (r + h.x) / (alpha + h.T);
  const integral = integrateLogScale(
    (s) => rate * hyp2f1(a, r + h.x + 1, a + b + h.x, -s / (alpha + h.T)),
    horizon,
    alpha + h.T,
  );
  return pAlive(h, params) * integral;
}
