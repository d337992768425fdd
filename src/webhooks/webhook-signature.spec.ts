import { createHmac } from 'node:crypto';
import { generateWebhookSecret, signWebhook, verifyWebhook } from './webhook-signature';

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
    expect(verifyWebhook(secret, { timestamp: '1700000000', signature: undefined }, body, 1700000000)).toBe('malformed');
  });

  it('generates distinct secrets with a recognisable prefix', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});
