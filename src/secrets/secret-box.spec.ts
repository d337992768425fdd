import { SecretBox, SecretUnreadableError } from './secret-box';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('SecretBox', () => {
  it('seals so that the value is not in the stored text, and opens it again', () => {
    const box = new SecretBox([A]);
    const sealed = box.seal('whsec_topsecret', 'webhook.secret');
    expect(sealed).toMatch(/^enc:v1:[0-9a-f]{12}:[\w-]+:[\w-]+:[\w-]+$/);
    expect(sealed).not.toContain('topsecret');
    expect(box.open(sealed, 'webhook.secret')).toBe('whsec_topsecret');
    expect(box.seal('same', 'p')).not.toBe(box.seal('same', 'p'));
  });

  it('opens with a previous key, seals with the current one', () => {
    const old = new SecretBox([A]).seal('k', 'p');
    const rotated = new SecretBox([B, A]);
    expect(rotated.open(old, 'p')).toBe('k');
    expect(SecretBox.keyIdOf(rotated.seal('k', 'p'))).toBe(rotated.currentKeyId);
    expect(SecretBox.keyIdOf(old)).not.toBe(rotated.currentKeyId);
  });

  it('refuses a value sealed under a key it does not hold, altered, or moved to another purpose', () => {
    const sealed = new SecretBox([A]).seal('k', 'dkim.privateKey');
    const expectReason = (fn: () => unknown, reason: string) => {
      try {
        fn();
        throw new Error('opened');
      } catch (error) {
        expect(error).toBeInstanceOf(SecretUnreadableError);
        expect((error as SecretUnreadableError).reason).toBe(reason);
      }
    };
    expectReason(() => new SecretBox([B]).open(sealed, 'dkim.privateKey'), 'unknown_key');
    expectReason(() => new SecretBox([]).open(sealed, 'dkim.privateKey'), 'no_key');
    expectReason(() => new SecretBox([A]).open(sealed, 'webhook.secret'), 'tampered');
    const flipped = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'B' : 'A') + sealed.slice(-1);
    expectReason(() => new SecretBox([A]).open(flipped, 'dkim.privateKey'), 'tampered');
    expectReason(() => new SecretBox([]).seal('k', 'p'), 'no_key');
  });

  it('passes a value stored before encryption through unchanged', () => {
    expect(new SecretBox([A]).open('whsec_legacy', 'webhook.secret')).toBe('whsec_legacy');
  });
});
