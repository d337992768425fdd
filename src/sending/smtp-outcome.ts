export type SmtpOutcome =
  | { kind: 'retry'; reason: string }
  | { kind: 'transport_down'; reason: string }
  | { kind: 'bounce'; reason: string }
  | { kind: 'fail'; reason: string };

const HARD_BOUNCE_CODES = new Set([550, 551, 553]);
// The server is unavailable or refuses the session (421 closing, 454 TLS/auth not available now).
const TRANSPORT_CODES = new Set([421, 454]);
// Nodemailer's codes for a connection that failed or broke: nothing about the recipient.
const CONNECTION_ERRORS = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EAUTH',
  'ETLS',
  'EPROTOCOL',
]);

/**
 * What to do after Nodemailer refused a message: a connection failure or
 * 421/454 means the transport is down (wait for it, no attempt counted), other
 * 4xx are retried per message, 550/551/553 mean the address does not exist
 * (suppress it), any other 5xx fails the delivery.
 */
export function classifySmtpError(error: unknown): SmtpOutcome {
  const e = error as { responseCode?: number; code?: string; response?: string; message?: string };
  const reason = (e.response || e.message || String(error)).slice(0, 480);
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  if (code === undefined)
    return e.code && CONNECTION_ERRORS.has(e.code) ? { kind: 'transport_down', reason } : { kind: 'retry', reason };
  if (TRANSPORT_CODES.has(code)) return { kind: 'transport_down', reason };
  if (code >= 400 && code < 500) return { kind: 'retry', reason };
  if (HARD_BOUNCE_CODES.has(code)) return { kind: 'bounce', reason };
  return { kind: 'fail', reason };
}
