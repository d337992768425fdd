import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { FixedWindowLimiter } from '../src/common/rate-limit/fixed-window.limiter';
import type { AppConfig } from '../src/config/app-config';

// The one rate limiter against the run's real redis-server: several clients at once, time moved by hand.
describe('FixedWindowLimiter (real Redis)', () => {
  const clients: Redis[] = [];
  let limiters: FixedWindowLimiter[];
  const t0 = 1_800_000_000_000;

  beforeAll(() => {
    const config = { queuePrefix: `limiter-${randomUUID()}` } as AppConfig;
    // Four connections: four processes racing for the same windows.
    for (let i = 0; i < 4; i++) clients.push(new Redis(process.env.TEST_REDIS_URL!));
    limiters = clients.map((redis) => new FixedWindowLimiter(redis, config));
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit()));
  });

  it('lets exactly the limit through when many processes take at once', async () => {
    const window = { key: 'race', limit: 10, windowMs: 60_000 };
    const verdicts = await Promise.all(Array.from({ length: 80 }, (_, i) => limiters[i % 4].take([window], t0)));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(10);
  });

  it('charges no window when one of them is full, and says which and for how long', async () => {
    const perAddress = { key: `addr-${randomUUID()}`, limit: 1, windowMs: 86_400_000 };
    const allForms = { key: `all-${randomUUID()}`, limit: 100, windowMs: 3_600_000 };
    expect(await limiters[0].take([perAddress, allForms], t0)).toEqual({ allowed: true });
    const refused = await limiters[1].take([perAddress, allForms], t0 + 1000);
    expect(refused).toEqual({ allowed: false, refusedBy: 0, retryAfterMs: 86_400_000 - 1000 });
    // The refused take did not count against the shared window.
    expect(await limiters[0].peek([allForms], t0 + 1000)).toEqual([{ count: 1, endsInMs: 3_600_000 - 1000 }]);
  });

  it('opens again when the window that started at the first point ends, by the time it is given', async () => {
    const window = { key: `w-${randomUUID()}`, limit: 2, windowMs: 15 * 60_000 };
    await limiters[0].take([window], t0);
    await limiters[0].take([window], t0 + 5 * 60_000);
    expect((await limiters[0].take([window], t0 + 15 * 60_000 - 1)).allowed).toBe(false);
    expect((await limiters[0].take([window], t0 + 15 * 60_000)).allowed).toBe(true);
    expect(await limiters[0].peek([window], t0 + 15 * 60_000)).toEqual([{ count: 1, endsInMs: 15 * 60_000 }]);
  });

  it('takes points given back, and a reset empties the window', async () => {
    const window = { key: `g-${randomUUID()}`, limit: 1, windowMs: 60_000 };
    await limiters[0].take([window], t0);
    expect((await limiters[1].take([window], t0)).allowed).toBe(false);
    await limiters[2].giveBack([window.key]);
    expect((await limiters[1].take([window], t0)).allowed).toBe(true);
    await limiters[3].reset(window.key);
    expect(await limiters[0].peek([window], t0)).toEqual([{ count: 0, endsInMs: 0 }]);
  });

  it('a limit of 0 refuses everything', async () => {
    const verdict = await limiters[0].take([{ key: `z-${randomUUID()}`, limit: 0, windowMs: 1000 }], t0);
    expect(verdict.allowed).toBe(false);
  });
});
