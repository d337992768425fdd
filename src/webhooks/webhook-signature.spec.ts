import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateWebhookSecret, signatureHeader, signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"id":7,"type":"ping"}';

  it('is the hex HMAC-SHA256 of "timestamp.body" with the secret', () => {
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(signWebhook(secret, 1700000000, body)).toBe(`sha256=${expected}`);
    // A known vector, so a change of scheme cannot pass unnoticed.
    expect(signWebhook('key', 1, 'x')).toBe(`sha256=${createHmac('sha256', 'key').update('1.x').digest('hex')}`);
  });

  it('verifies within the tolerance and refuses old, tampered or foreign requests', () => {
    const signature = signWebhook(secret, 1700000000, body);
    const headers = { timestamp: '1700000000', signature };
    expect(verifyWebhook(secret, headers, body, 1700000100)).toBe('ok');
    expect(verifyWebhook(secret, headers, body, 1700000301)).toBe('too_old');
    expect(verifyWebhook(secret, headers, body.replace('7', '8'), 1700000000)).toBe('bad_signature');
    expect(verifyWebhook('whsec_other', headers, body, 1700000000)).toBe('bad_signature');
    // Moving the timestamp forward breaks the signature: it is signed too.
    expect(verifyWebhook(secret, { timestamp: '1700000200', signature }, body, 1700000200)).toBe('bad_signature');
    expect(verifyWebhook(secret, { timestamp: 'soon', signature }, body, 1700000000)).toBe('malformed');
    expect(verifyWebhook(secret, { timestamp: '1700000000', signature: undefined }, body, 1700000000)).toBe(
      'malformed',
    );
  });

  it("during a rotation, carries both secrets' signatures and either secret verifies", () => {
    const header = signatureHeader(['whsec_new', 'whsec_old'], 1700000000, body);
    expect(header.split(',')).toEqual([
      signWebhook('whsec_new', 1700000000, body),
      signWebhook('whsec_old', 1700000000, body),
    ]);
    for (const held of ['whsec_new', 'whsec_old'])
      expect(verifyWebhook(held, { timestamp: '1700000000', signature: header }, body, 1700000000)).toBe('ok');
    expect(verifyWebhook('whsec_other', { timestamp: '1700000000', signature: header }, body, 1700000000)).toBe(
      'bad_signature',
    );
  });

  it('generates distinct secrets with a recognisable prefix', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});

describe('the receiver snippet in docs/webhooks.md', () => {
  // The documented code itself, so the docs cannot drift from the signing scheme.
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'webhooks.md'), 'utf8');
  const code = /```js\n([\s\S]*?function isFromValuemail[\s\S]*?)```/.exec(doc)![1];
  const isFromValuemail = new Function('require', `${code}\nreturn isFromValuemail;`)(require) as (
    secret: string,
    headers: Record<string, string>,
    body: string,
  ) => boolean;

  it('accepts what we sign and refuses tampered, foreign and old requests', () => {
    const secret = generateWebhookSecret();
    const body = '{"id":1,"type":"ping","occurredAt":"2026-03-01T09:00:00.000Z","data":{}}';
    const now = Math.floor(Date.now() / 1000);
    const headers = (timestamp: number, s = secret) => ({
      'x-valuemail-timestamp': String(timestamp),
      'x-valuemail-signature': signWebhook(s, timestamp, body),
    });
    expect(isFromValuemail(secret, headers(now), body)).toBe(true);
    expect(isFromValuemail(secret, headers(now), body.replace('ping', 'pong'))).toBe(false);
    expect(isFromValuemail(secret, headers(now, 'whsec_other'), body)).toBe(false);
    expect(isFromValuemail(secret, headers(now - 301), body)).toBe(false);
    expect(isFromValuemail(secret, {}, body)).toBe(false);
    const rotating = {
      'x-valuemail-timestamp': String(now),
      'x-valuemail-signature': signatureHeader([secret, 'whsec_previous'], now, body),
    };
    expect(isFromValuemail(secret, rotating, body)).toBe(true);
    expect(isFromValuemail('whsec_previous', rotating, body)).toBe(true);
    expect(isFromValuemail('whsec_other', rotating, body)).toBe(false);
  });
});
