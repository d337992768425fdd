import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-valuemail-signature';
export const TIMESTAMP_HEADER = 'x-valuemail-timestamp';
export const EVENT_HEADER = 'x-valuemail-event';
export const DELIVERY_HEADER = 'x-valuemail-delivery';

/** What a webhook secret is sealed as in the database (SecretBox purpose). */
export const WEBHOOK_SECRET_PURPOSE = 'webhook.secret';

/** A new endpoint secret: 32 random bytes, recognisable by its prefix. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** `sha256=<hex HMAC-SHA256(secret, "{timestamp}.{body}")>`: the timestamp is signed so a captured request cannot be replayed later. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * The signature header: one signature per secret in use, newest first,
 * comma-separated. During a rotation's overlap window it carries the new and
 * the previous secret's signatures, so a receiver holding either accepts it.
 */
export function signatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  return secrets.map((secret) => signWebhook(secret, timestamp, body)).join(',');
}

export type VerifyResult = 'ok' | 'bad_signature' | 'too_old' | 'malformed';

/** What a receiver does (and docs/webhooks.md shows): recompute, compare in constant time with each listed signature, refuse old timestamps. */
export function verifyWebhook(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): VerifyResult {
  const timestamp = Number(headers.timestamp);
  if (!headers.signature || !/^\d+$/.test(headers.timestamp ?? '')) return 'malformed';
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return 'too_old';
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const matches = headers.signature.split(',').some((one) => {
    const given = Buffer.from(one.trim());
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? 'ok' : 'bad_signature';
}
