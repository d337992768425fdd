export interface BackoffPolicy {
  baseMs: number;
  /** Each next wait is this many times the previous step. */
  growth: number;
  ceilingMs: number;
}

/**
 * The one backoff: the wait before the next try after `failures` failures is
 * base × growth^(failures − 1), at most the ceiling, of which a random half
 * ("equal jitter"), so clients recovering from the same outage do not all come
 * back in the same second.
 */
export function backoffMs(policy: BackoffPolicy, failures: number, random: () => number = Math.random): number {
  const step = Math.min(policy.ceilingMs, policy.baseMs * policy.growth ** Math.max(0, failures - 1));
  return Math.round(step / 2 + random() * (step / 2));
}
