import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-valuemail-signature';
export const TIMESTAMP_HEADER = 'x-valuemail-timestamp';
export const EVENT_HEADER = 'x-valuemail-event';
export const DELIVERY_HEADER = 'x-valuemail-delivery';

/** A new endpoint secret: 32 random bytes, recognisable by its prefix. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** `sha256=<hex HMAC-SHA256(secret, "{timestamp}.{body}")>`: the timestamp is signed so a captured request cannot be replayed later. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export type VerifyResult = 'ok' | 'bad_signature' | 'too_old' | 'malformed';

/** What a receiver does (and the README shows): recompute, compare in constant time, refuse old timestamps. */
export function verifyWebhook(secret: string, headers: { timestamp: string | undefined; signature: string | undefined }, body: string, nowSeconds: number, toleranceSeconds = 300): VerifyResult {
  const timestamp = Number(headers.timestamp);
  if (!headers.signature || !/^\d+$/.test(headers.timestamp ?? '')) return 'malformed';
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return 'too_old';
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'bad_signature';
}
