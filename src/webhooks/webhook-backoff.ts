const GROWTH = 4;
const CEILING_MS = 12 * 3600_000;

/**
 * Wait before the next attempt after `failedAttempts` failures: base × 4^(n−1),
 * at most 12 h, of which a random half ("equal jitter") so receivers coming back
 * from an outage are not hit by every endpoint's retries in the same second.
 * With the default 10 s base and 8 attempts: ~10 s, 40 s, 2.7 min, 11 min, 43 min, 2.8 h, 11.4 h.
 */
export function webhookRetryDelayMs(
  baseMs: number,
  failedAttempts: number,
  random: () => number = Math.random,
): number {
  const full = Math.min(CEILING_MS, baseMs * GROWTH ** Math.max(0, failedAttempts - 1));
  return Math.round(full / 2 + random() * (full / 2));
}
