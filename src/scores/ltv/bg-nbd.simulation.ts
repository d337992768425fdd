import type { BgNbdParams, PurchaseHistory } from './bg-nbd';

// Customers drawn from the BG/NBD model itself, for the fit's tests: a seeded
// generator, so a failing test fails the same way every time.

function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

export function simulateCustomers(params: BgNbdParams, count: number, ageRange: [number, number], seed: number): PurchaseHistory[] {
  const uniform = mulberry32(seed);
  const open = () => {
    let u = 0;
    while (u === 0) u = uniform();
    return u;
  };
  const normal = () => Math.sqrt(-2 * Math.log(open())) * Math.cos(2 * Math.PI * uniform());
  // Marsaglia & Tsang (2000); shape < 1 through Γ(k + 1) · U^(1/k).
  const gamma = (shape: number): number => {
    if (shape < 1) return gamma(shape + 1) * open() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const z = normal();
      const v = (1 + c * z) ** 3;
      if (v > 0 && Math.log(open()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  const customers: PurchaseHistory[] = [];
  for (let i = 0; i < count; i++) {
    const rate = gamma(params.r) / params.alpha;
    const g = gamma(params.a);
    const dropout = g / (g + gamma(params.b));
    const T = ageRange[0] + (ageRange[1] - ageRange[0]) * uniform();
    let x = 0;
    let tx = 0;
    let at = 0;
    for (;;) {
      at += -Math.log(open()) / rate;
      if (at > T) break;
      x++;
      tx = at;
      if (uniform() < dropout) break;
    }
    customers.push({ x, tx, T });
  }
  return customers;
}
