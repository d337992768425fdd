import { lnBeta, lnGamma } from './ln-gamma';
import { BgNbdParams, fitBgNbd, logLikelihood, PRIOR_PARAMS, probabilityAlive, PurchaseHistory, remainingLifetime } from './bg-nbd';
import { simulateCustomers } from './bg-nbd.simulation';

// The published BG/NBD fit of the CDNOW sample (FHL 2005, in weeks).
const CDNOW: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/**
 * E[g(λ)] and E[h(p)] under the mixing distributions by plain numerical
 * integration, independent of the closed forms: λ = w^(1/r) and p = u^(1/a)
 * take the singular λ^(r−1) and p^(a−1) out of the integrands.
 */
function expectLambda({ r, alpha }: BgNbdParams, g: (lambda: number) => number): number {
  const steps = 200_000;
  const wMax = (60 / alpha) ** r;
  let sum = 0;
  for (let i = 0; i < steps; i++) {
    const lambda = (((i + 0.5) / steps) * wMax) ** (1 / r);
    sum += g(lambda) * Math.exp(-alpha * lambda);
  }
  return (sum * (wMax / steps) * alpha ** r) / (r * Math.exp(lnGamma(r)));
}
function expectDropout({ a, b }: BgNbdParams, h: (p: number) => number): number {
  const steps = 200_000;
  let sum = 0;
  for (let i = 0; i < steps; i++) {
    const p = ((i + 0.5) / steps) ** (1 / a);
    sum += h(p) * (1 - p) ** (b - 1);
  }
  return sum / steps / (a * Math.exp(lnBeta(a, b)));
}
/** The individual likelihood (1−p)^x λ^x e^(−λT) + [x>0] p(1−p)^(x−1) λ^x e^(−λtₓ), split into its alive and dropped-out parts and integrated. */
function integrated(params: BgNbdParams, { x, tx, T }: PurchaseHistory) {
  const alive = expectLambda(params, (l) => l ** x * Math.exp(-l * T)) * expectDropout(params, (p) => (1 - p) ** x);
  const dropped = x === 0 ? 0 : expectLambda(params, (l) => l ** x * Math.exp(-l * tx)) * expectDropout(params, (p) => p * (1 - p) ** (x - 1));
  return { alive, dropped };
}

describe('BG/NBD', () => {
  const histories: PurchaseHistory[] = [
    { x: 2, tx: 30.43, T: 38.86 },
    { x: 0, tx: 0, T: 38.86 },
    { x: 7, tx: 29.43, T: 38.86 },
    { x: 1, tx: 1.71, T: 38.86 },
  ];

  it('gives the likelihood of each history that integrating the model over λ and p gives (CDNOW fit)', () => {
    for (const h of histories) {
      const { alive, dropped } = integrated(CDNOW, h);
      expect(logLikelihood(CDNOW, [h])).toBeCloseTo(Math.log(alive + dropped), 5);
    }
  });

  it('gives P(alive) as the share of that likelihood in which the customer is still active', () => {
    for (const h of histories) {
      const { alive, dropped } = integrated(CDNOW, h);
      expect(probabilityAlive(CDNOW, h)).toBeCloseTo(alive / (alive + dropped), 6);
    }
    // By hand from the closed form: 1 / (1 + 0.793/3.426 × (43.274/34.844)^2.243) = 1 / (1 + 0.231465 × 1.625813) = 0.7266.
    expect(probabilityAlive(CDNOW, histories[0])).toBeCloseTo(0.7266, 4);
    expect(probabilityAlive(CDNOW, histories[1])).toBe(1);
  });

  it('lowers P(alive) the longer a repeat customer stays silent', () => {
    const later = [39, 52, 78, 104].map((T) => probabilityAlive(CDNOW, { x: 2, tx: 30.43, T }));
    for (let i = 1; i < later.length; i++) expect(later[i]).toBeLessThan(later[i - 1]);
  });

  it('recovers the parameters customers were drawn with, by maximum likelihood', () => {
    const customers = simulateCustomers(CDNOW, 10_000, [27, 39], 3);
    const fit = fitBgNbd(customers, 30);
    expect(fit).toMatchObject({ source: 'fit', customers: 10_000, reason: null });
    // The maximum is at least as likely as the truth.
    expect(fit.logLikelihood!).toBeGreaterThanOrEqual(logLikelihood(CDNOW, customers));
    const { r, alpha, a, b } = fit.params;
    // Tolerances from five seeds (r, α within 8%; a and b, which trade off, within 27%; their mean p within 3%).
    expect(Math.abs(r / CDNOW.r - 1)).toBeLessThan(0.1);
    expect(Math.abs(alpha / CDNOW.alpha - 1)).toBeLessThan(0.15);
    expect(Math.abs(a / CDNOW.a - 1)).toBeLessThan(0.4);
    expect(Math.abs(b / CDNOW.b - 1)).toBeLessThan(0.4);
    expect(Math.abs(a / (a + b) / (CDNOW.a / (CDNOW.a + CDNOW.b)) - 1)).toBeLessThan(0.1);
  });

  it('falls back to the documented priors with the reason when the data cannot carry a fit', () => {
    const few = simulateCustomers(CDNOW, 29, [27, 39], 1);
    expect(fitBgNbd(few, 30)).toEqual({ params: PRIOR_PARAMS, source: 'prior', customers: 29, logLikelihood: null, reason: '29 customers with orders; a fit needs at least 30' });
    const oneTimers = Array.from({ length: 40 }, () => ({ x: 0, tx: 0, T: 5 }));
    expect(fitBgNbd(oneTimers, 30)).toMatchObject({ source: 'prior', reason: 'no customer has ordered twice yet, so nothing shows how often customers return' });
  });

  it('expects fewer remaining months as P(alive) falls, within the horizon', () => {
    // The worked example of docs/ltv.md: x = 2, tₓ = 2, T = 3 months, priors r = 1, α = 3, a = 1, b = 2, H = 36.
    const example = remainingLifetime(PRIOR_PARAMS, { x: 2, tx: 2, T: 3 }, 36);
    // P(alive) = 1 / (1 + 1/3 × (6/5)³) = 1 / 1.576 = 0.634518; λ = 3/6 = 0.5; p = 1/5; μ = 0.1;
    // (1 − e^(−3.6)) / 0.1 = 9.726763; t = 0.634518 × 9.726763 = 6.171804.
    expect(example.pAlive).toBeCloseTo(0.634518, 6);
    expect(example.purchaseRate).toBeCloseTo(0.5, 12);
    expect(example.dropoutPerPurchase).toBeCloseTo(0.2, 12);
    expect(example.activeMonths).toBeCloseTo(9.726763, 6);
    expect(example.months).toBeCloseTo(6.171804, 5);
    const months = [3, 6, 12, 24].map((T) => remainingLifetime(PRIOR_PARAMS, { x: 2, tx: 2, T }, 36).months);
    for (let i = 1; i < months.length; i++) expect(months[i]).toBeLessThan(months[i - 1]);
    // A customer whose drop-out rate is tiny keeps nearly the whole horizon.
    expect(remainingLifetime({ r: 1, alpha: 1, a: 1e-6, b: 1 }, { x: 5, tx: 5, T: 5 }, 36).months).toBeCloseTo(36, 3);
  });
});
