export type SmtpOutcome =
  | { kind: 'retry'; reason: string }
  | { kind: 'throttle'; reason: string }
  | { kind: 'bounce'; reason: string }
  | { kind: 'fail'; reason: string };

const HARD_BOUNCE_CODES = new Set([550, 551, 553]);
const THROTTLE_CODES = new Set([421, 454]);

/**
 * What to do after Nodemailer refused a message: 4xx and connection errors are
 * retried, a provider throttle slows the whole transport, 550/551/553 mean the
 * address does not exist (suppress it), any other 5xx fails the delivery.
 */
export function classifySmtpError(error: unknown): SmtpOutcome {
  const e = error as { responseCode?: number; code?: string; response?: string; message?: string };
  const reason = (e.response || e.message || String(error)).slice(0, 480);
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  if (code === undefined) return { kind: 'retry', reason };
  if (THROTTLE_CODES.has(code)) return { kind: 'throttle', reason };
  if (code >= 400 && code < 500) return { kind: 'retry', reason };
  if (HARD_BOUNCE_CODES.has(code)) return { kind: 'bounce', reason };
  return { kind: 'fail', reason };
}

/** Exponential backoff with jitter, bounded at one hour. */
export function retryDelayMs(baseMs: number, attempt: number, random: () => number = Math.random): number {
  const exponential = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(exponential * (0.75 + random() * 0.5));
}
