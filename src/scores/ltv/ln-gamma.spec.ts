import { lnBeta, lnGamma } from './ln-gamma';

describe('lnGamma', () => {
  it('matches factorials: Γ(n) = (n − 1)!', () => {
    let factorial = 1;
    for (let n = 1; n <= 30; n++) {
      expect(lnGamma(n)).toBeCloseTo(Math.log(factorial), 10);
      factorial *= n;
    }
  });

  it('matches closed forms at half-integers and published values', () => {
    // Γ(½) = √π, Γ(3/2) = √π / 2, Γ(1/3) = 2.678938534707747...
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(lnGamma(1.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI) / 2), 13);
    expect(lnGamma(1 / 3)).toBeCloseTo(Math.log(2.678938534707747), 12);
    // ln Γ(100) = ln 99! = 359.13420536957540...
    expect(lnGamma(100)).toBeCloseTo(359.1342053695754, 9);
    // Γ(x + 1) = x Γ(x) at small x, where the reflection applies.
    for (const x of [1e-6, 0.01, 0.243, 0.4999]) expect(lnGamma(x + 1) - lnGamma(x)).toBeCloseTo(Math.log(x), 11);
  });

  it('is NaN outside x > 0', () => {
    expect(lnGamma(0)).toBeNaN();
    expect(lnGamma(-1.5)).toBeNaN();
  });

  it('gives ln B(a, b): B(2, 3) = 1/12', () => {
    expect(lnBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 13);
  });
});
