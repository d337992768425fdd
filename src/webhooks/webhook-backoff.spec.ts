import { webhookRetryDelayMs } from './webhook-backoff';

describe('webhookRetryDelayMs', () => {
  it('grows four-fold per failure between half and all of the step', () => {
    expect([1, 2, 3, 4].map((n) => webhookRetryDelayMs(10_000, n, () => 1))).toEqual([
      10_000, 40_000, 160_000, 640_000,
    ]);
    expect([1, 2, 3, 4].map((n) => webhookRetryDelayMs(10_000, n, () => 0))).toEqual([5_000, 20_000, 80_000, 320_000]);
    expect(webhookRetryDelayMs(10_000, 2, () => 0.5)).toBe(30_000);
  });

  it('reaches hours by the last default attempt and never passes 12 h', () => {
    expect(webhookRetryDelayMs(10_000, 7, () => 1)).toBe(10_000 * 4 ** 6); // 40,960 s ≈ 11.4 h
    expect(webhookRetryDelayMs(10_000, 20, () => 1)).toBe(12 * 3600_000);
  });
});
