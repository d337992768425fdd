import { lnBeta, lnGamma } from './ln-gamma';
import { nelderMead } from './nelder-mead';

// The BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the
// easy way"). While active, a customer buys at rate λ (Poisson); after each
// repeat purchase they drop out for good with probability p. Across customers
// λ ~ Gamma(r, α) and p ~ Beta(a, b). Time is in months here.

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** A customer's purchase history in the model's terms, in months. */
export interface PurchaseHistory {
  /** Frequency: repeat purchases (orders after the first). */
  x: number;
  /** Recency: months from the first to the last order. */
  tx: number;
  /** Age: months from the first order to now. */
  T: number;
}

/**
 * Used when there are too few customers to fit: an active customer orders
 * about every three months (r / α = 1/3 a month; r = 1 spreads customers
 * widely around that), and about one repeat order in three is their last
 * (a / (a + b) = 1/3). Deliberately plain; a fit replaces them.
 */
export const PRIOR_PARAMS: Readonly<BgNbdParams> = Object.freeze({ r: 1, alpha: 3, a: 1, b: 2 });

export interface BgNbdFit {
  params: BgNbdParams;
  /** 'fit': maximum likelihood over the customers; 'prior': PRIOR_PARAMS, see reason. */
  source: 'fit' | 'prior';
  customers: number;
  logLikelihood: number | null;
  reason: string | null;
}

const logAddExp = (u: number, v: number) => (u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v)));

/**
 * Σ ln L(r, α, a, b | x, tₓ, T) over the customers (FHL 2005, eq. 6):
 * L = B(a, b+x)/B(a, b) · Γ(r+x)α^r / (Γ(r)(α+T)^(r+x))
 *   + [x > 0] B(a+1, b+x−1)/B(a, b) · Γ(r+x)α^r / (Γ(r)(α+tₓ)^(r+x)).
 */
export function logLikelihood({ r, alpha, a, b }: BgNbdParams, customers: readonly PurchaseHistory[]): number {
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return NaN;
  // The Γ and B terms depend on x only: computed once per frequency.
  const byFrequency = new Map<number, { common: number; dropped: number }>();
  const lnBetaAB = lnBeta(a, b);
  let total = 0;
  for (const { x, tx, T } of customers) {
    let terms = byFrequency.get(x);
    if (!terms) {
      const common = lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha);
      terms = { common: common + lnBeta(a, b + x) - lnBetaAB, dropped: x > 0 ? common + lnBeta(a + 1, b + x - 1) - lnBetaAB : -Infinity };
      byFrequency.set(x, terms);
    }
    const alive = terms.common - (r + x) * Math.log(alpha + T);
    total += x > 0 ? logAddExp(alive, terms.dropped - (r + x) * Math.log(alpha + tx)) : alive;
  }
  return total;
}

const FIT_BOUNDS = { min: 1e-4, max: 1e4 };

/** Maximum-likelihood (r, α, a, b), or the priors with the reason when the data cannot carry a fit. */
export function fitBgNbd(customers: readonly PurchaseHistory[], minCustomers: number): BgNbdFit {
  const prior = (reason: string): BgNbdFit => ({ params: { ...PRIOR_PARAMS }, source: 'prior', customers: customers.length, logLikelihood: null, reason });
  if (customers.length < minCustomers) return prior(`${customers.length} customer${customers.length === 1 ? '' : 's'} with orders; a fit needs at least ${minCustomers}`);
  if (!customers.some((c) => c.x > 0)) return prior('no customer has ordered twice yet, so nothing shows how often customers return');
  // Searched in logarithms: the parameters stay positive and their scales differ by orders of magnitude.
  const toParams = ([r, alpha, a, b]: number[]): BgNbdParams => ({ r: Math.exp(r), alpha: Math.exp(alpha), a: Math.exp(a), b: Math.exp(b) });
  const found = nelderMead((p) => -logLikelihood(toParams(p), customers), [0, 0, 0, 0], { tolerance: 1e-8, maxIterations: 4000 });
  const params = toParams(found.point);
  const values = [params.r, params.alpha, params.a, params.b];
  if (!found.converged || !Number.isFinite(found.value) || values.some((v) => !(v > FIT_BOUNDS.min && v < FIT_BOUNDS.max))) {
    return prior('the fit did not settle on sensible values for these customers');
  }
  return { params, source: 'fit', customers: customers.length, logLikelihood: -found.value, reason: null };
}

/**
 * P(alive | x, tₓ, T) = 1 / (1 + [x > 0] · a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x)) (FHL 2005, eq. 13).
 * A customer without a repeat purchase has not had a chance to drop out, so 1.
 */
export function probabilityAlive({ r, alpha, a, b }: BgNbdParams, { x, tx, T }: PurchaseHistory): number {
  if (x === 0) return 1;
  const ratio = (a / (b + x - 1)) * Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + tx)));
  return 1 / (1 + ratio);
}

export interface RemainingLifetime {
  pAlive: number;
  /** E[λ | history] = (r + x) / (α + T): expected orders a month while active. */
  purchaseRate: number;
  /** E[p | x repeat purchases survived] = a / (a + b + x): chance a purchase is the last. */
  dropoutPerPurchase: number;
  /** purchaseRate × dropoutPerPurchase: drop-outs a month; 1 / this = expected active months. */
  dropoutRate: number;
  /** An active customer's expected further active months, counted up to the horizon: (1 − e^(−μH)) / μ. */
  activeMonths: number;
  /** t = P(alive) × activeMonths. */
  months: number;
}

/**
 * Expected remaining months as a customer, within `horizonMonths`. An active
 * customer buying at rate λ who drops out after a purchase with probability p
 * drops out at rate μ = λp (a thinned Poisson process), so the time left is
 * exponential with mean 1/μ whatever their age, and E[min(time left, H)] =
 * (1 − e^(−μH)) / μ. Weighted by P(alive): a customer who is probably gone
 * has little time left.
 */
export function remainingLifetime(params: BgNbdParams, history: PurchaseHistory, horizonMonths: number): RemainingLifetime {
  const pAlive = probabilityAlive(params, history);
  const purchaseRate = (params.r + history.x) / (params.alpha + history.T);
  const dropoutPerPurchase = params.a / (params.a + params.b + history.x);
  const dropoutRate = purchaseRate * dropoutPerPurchase;
  const activeMonths = dropoutRate * horizonMonths < 1e-9 ? horizonMonths : -Math.expm1(-dropoutRate * horizonMonths) / dropoutRate;
  return { pAlive, purchaseRate, dropoutPerPurchase, dropoutRate, activeMonths, months: pAlive * activeMonths };
}
