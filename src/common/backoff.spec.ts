import { backoffMs } from './backoff';

describe('backoffMs', () => {
  const webhook = { baseMs: 10_000, growth: 4, ceilingMs: 12 * 3600_000 };

  it('grows by the factor per failure, between half and all of the step', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(webhook, n, () => 1))).toEqual([10_000, 40_000, 160_000, 640_000]);
    expect([1, 2, 3, 4].map((n) => backoffMs(webhook, n, () => 0))).toEqual([5_000, 20_000, 80_000, 320_000]);
    expect(backoffMs(webhook, 2, () => 0.5)).toBe(30_000);
  });

  it('never passes the ceiling', () => {
    expect(backoffMs(webhook, 7, () => 1)).toBe(10_000 * 4 ** 6);
    expect(backoffMs(webhook, 20, () => 1)).toBe(12 * 3600_000);
    expect(backoffMs({ baseMs: 1000, growth: 2, ceilingMs: 3_600_000 }, 40, () => 1)).toBe(3_600_000);
  });

  it('treats a first try (0 failures) like one failure', () => {
    expect(backoffMs({ baseMs: 200, growth: 2, ceilingMs: 5000 }, 0, () => 1)).toBe(200);
  });
});
