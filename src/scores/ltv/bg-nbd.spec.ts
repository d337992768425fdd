import {
  survivalOf,
  CDNOW_WEEKLY,
  DEFAULT_PARAMS,
  expectedActiveMonths,
  expectedPurchases,
  expectedPurchasesClosedForm,
  fitBgNbd,
  logLikelihood,
  pAlive,
  PurchaseHistory,
  BgNbdParams,
} from './bg-nbd';

// A seeded generator (mulberry32) so the simulated population is the same on every run.
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Marsaglia–Tsang Gamma(shape, 1) sampling; shape < 1 by the boost Gamma(k+1) × U^(1/k).
function gamma(u: () => number, shape: number): number {
  if (shape < 1) return gamma(u, shape + 1) * u() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    if (Math.log(u()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Customers drawn from the BG/NBD story itself: λ ~ Gamma(r, α), p ~ Beta(a, b), dropout after each repeat purchase. */
function simulate(params: BgNbdParams, customers: number, seed: number): PurchaseHistory[] {
  const u = random(seed);
  const histories: PurchaseHistory[] = [];
  for (let i = 0; i < customers; i++) {
    const lambda = gamma(u, params.r) / params.alpha;
    const ga = gamma(u, params.a);
    const p = ga / (ga + gamma(u, params.b));
    const T = 6 + 30 * u();
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += -Math.log(1 - u()) / lambda;
      if (t > T) break;
      x++;
      tx = t;
      if (u() < p) break;
    }
    histories.push({ x, tx, T });
  }
  return histories;
}

describe('BG/NBD', () => {
  it('gives the published expected purchases of the CDNOW example customer (Fader–Hardie spreadsheet: 1.226 in 39 weeks)', () => {
    const customer = { x: 2, tx: 30.43, T: 38.86 };
    expect(expectedPurchasesClosedForm(customer, CDNOW_WEEKLY, 39)).toBeCloseTo(1.226, 3);
    // The integral form the LTV uses agrees with the closed form.
    expect(expectedPurchases(customer, CDNOW_WEEKLY, 39)).toBeCloseTo(
      expectedPurchasesClosedForm(customer, CDNOW_WEEKLY, 39),
      8,
    );
  });

  it('gives P(alive) with the CDNOW parameters (reference values from the same formula in scipy)', () => {
    expect(pAlive({ x: 2, tx: 30.43, T: 38.86 }, CDNOW_WEEKLY)).toBeCloseTo(0.726578570080673, 10);
    expect(pAlive({ x: 23, tx: 39, T: 39 }, CDNOW_WEEKLY)).toBeCloseTo(0.968555454221024, 10);
    // The "increasing frequency paradox": the same silence says more about a frequent buyer.
    expect(pAlive({ x: 5, tx: 30, T: 39 }, CDNOW_WEEKLY)).toBeCloseTo(0.7056268471578602, 10);
    expect(pAlive({ x: 20, tx: 30, T: 39 }, CDNOW_WEEKLY)).toBeCloseTo(0.1968204444670386, 10);
    expect(pAlive({ x: 0, tx: 0, T: 39 }, CDNOW_WEEKLY)).toBe(1);
  });

  it('expects fewer active months and purchases the longer a customer has been silent', () => {
    const months = [3, 6, 12, 24].map((T) => expectedActiveMonths({ x: 2, tx: 2, T }, DEFAULT_PARAMS, 36));
    const purchases = [3, 6, 12, 24].map((T) => expectedPurchases({ x: 2, tx: 2, T }, DEFAULT_PARAMS, 36));
    // Reference values: scipy.integrate.quad over scipy.special.hyp2f1, and eq. 10 for the purchases.
    [12.807232481080398, 8.778784418564015, 3.6705688519434956, 1.0753089431214344].forEach((m, i) =>
      expect(months[i]).toBeCloseTo(m, 5),
    );
    [5.963388426746549, 2.426314112492968, 0.5684536846713749, 0.08978242260638876].forEach((m, i) =>
      expect(purchases[i]).toBeCloseTo(m, 6),
    );
    // Never more than the horizon.
    expect(expectedActiveMonths({ x: 0, tx: 0, T: 0 }, DEFAULT_PARAMS, 36)).toBeLessThan(36);
    expect(expectedActiveMonths({ x: 0, tx: 0, T: 0 }, DEFAULT_PARAMS, 36)).toBeCloseTo(26.77588342742584, 5);
  });

  it('recovers the parameters of a simulated population by maximum likelihood', () => {
    const truth = { r: 0.8, alpha: 2, a: 0.8, b: 2.5 };
    const histories = simulate(truth, 4000, 42);
    const fit = fitBgNbd(histories, null);
    expect(fit.converged).toBe(true);
    // The same maximum as scipy.optimize.minimize (L-BFGS-B) finds on these 4000 histories: r 0.79098, α 2.07626, a 0.82501, b 2.55359, ln L −31020.8249.
    expect(fit.logLikelihood).toBeCloseTo(-31020.8249, 3);
    expect(fit.params.r).toBeCloseTo(0.79098, 3);
    expect(fit.params.alpha).toBeCloseTo(2.07626, 2);
    expect(fit.params.a).toBeCloseTo(0.825, 3);
    expect(fit.params.b).toBeCloseTo(2.5536, 2);
    // And near the truth it was drawn from, at least as likely as the truth.
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(logLikelihood(histories, truth));
    expect(Math.abs(fit.params.r / truth.r - 1)).toBeLessThan(0.1);
    expect(Math.abs(fit.params.b / truth.b - 1)).toBeLessThan(0.1);
  });

  it('keeps a small population sensible: the weak prior holds a and b where the likelihood is flat', () => {
    const histories = simulate({ r: 0.8, alpha: 2, a: 0.8, b: 2.5 }, 40, 7);
    const free = fitBgNbd(histories, null);
    const withPrior = fitBgNbd(histories);
    expect(withPrior.converged).toBe(true);
    // The prior costs little likelihood and keeps every parameter within the bounds' interior.
    expect(withPrior.logLikelihood).toBeGreaterThan(free.logLikelihood - 3);
    for (const v of Object.values(withPrior.params)) expect(v).toBeLessThan(1000);
    expect(Number.isFinite(expectedActiveMonths({ x: 2, tx: 2, T: 24 }, withPrior.params, 36))).toBe(true);
  });

  it('computes survival for any a and b: with a and b large, p is fixed at a/(a+b) and survival is the gamma one', () => {
    const params = { r: 1.16, alpha: 3.02, a: 3314.8, b: 9999.9 };
    const p = params.a / (params.a + params.b);
    for (const s of [1, 12, 36]) {
      // E over λ ~ Gamma(r+x, α+T) of e^(−λps) = ((α+T)/(α+T+ps))^(r+x); here x = 2, T = 24.
      expect(survivalOf({ x: 2, tx: 2, T: 24 }, params, s)).toBeCloseTo(((3.02 + 24) / (3.02 + 24 + p * s)) ** 3.16, 3);
    }
    expect(Number.isFinite(expectedPurchases({ x: 2, tx: 2, T: 24 }, params, 36))).toBe(true);
  });
});
