import { loadConfig } from '../config/app-config';
import { LinkTokenService } from './link-token.service';

const secretA = 'a'.repeat(32);
const secretB = 'b'.repeat(32);
const signer = (secrets: string) => new LinkTokenService(loadConfig({ LINK_SECRETS: secrets }));

describe('LinkTokenService', () => {
  const claims = { campaignId: 42, deliveryId: 1_234_567, subscriberId: 987_654_321 };

  it('round-trips claims through a compact URL-safe token', () => {
    const token = signer(secretA).sign(claims);
    expect(token).toMatch(/^[A-Za-z0-9_-]{20,40}$/);
    expect(signer(secretA).verify(token)).toEqual(claims);
  });

  it('rejects a token signed with another key', () => {
    expect(signer(secretB).verify(signer(secretA).sign(claims))).toBeUndefined();
  });

  it('accepts tokens of an older key during rotation', () => {
    const old = signer(secretA).sign(claims);
    expect(signer(`${secretB},${secretA}`).verify(old)).toEqual(claims);
    expect(signer(`${secretB},${secretA}`).sign(claims)).not.toEqual(old);
  });

  it('rejects altered, truncated and garbage tokens', () => {
    const token = signer(secretA).sign(claims);
    const altered = token.slice(0, 3) + (token[3] === 'A' ? 'B' : 'A') + token.slice(4);
    const s = signer(secretA);
    expect(s.verify(altered)).toBeUndefined();
    expect(s.verify(token.slice(0, -2))).toBeUndefined();
    expect(s.verify('')).toBeUndefined();
    expect(s.verify('../../etc/passwd')).toBeUndefined();
    expect(s.verify('x'.repeat(5000))).toBeUndefined();
  });

  it('accepts only the spelling it issued, not other spellings of the same bytes', () => {
    const s = signer(secretA);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let alternatives = 0;
    for (let id = 1; id <= 40; id++) {
      const tokens = [
        s.sign({ campaignId: id, deliveryId: id * 7, subscriberId: id * 13 }),
        s.signPayload('confirm', [id, id * 3]),
      ];
      for (const token of tokens) {
        const bytes = Buffer.from(token, 'base64url');
        for (const last of alphabet) {
          const spelling = token.slice(0, -1) + last;
          if (spelling === token || !Buffer.from(spelling, 'base64url').equals(bytes)) continue;
          alternatives++;
          expect(s.verify(spelling)).toBeUndefined();
          expect(s.verifyPayload('confirm', spelling)).toBeUndefined();
        }
      }
      expect(s.verify(tokens[0])).toBeDefined();
      expect(s.verifyPayload('confirm', tokens[1])).toEqual([id, id * 3]);
    }
    expect(alternatives).toBeGreaterThan(100);
  });

  it('handles ids of every size', () => {
    const s = signer(secretA);
    for (const id of [0, 1, 127, 128, 16_383, 16_384, 2 ** 31 - 1, 2 ** 40]) {
      const c = { campaignId: id, deliveryId: id, subscriberId: id };
      expect(s.verify(s.sign(c))).toEqual(c);
    }
  });

  it('signs short hex tags that survive case folding and rotate like tokens', () => {
    const tag = signer(secretA).tag('delivery:42');
    expect(tag).toMatch(/^[0-9a-f]{12}$/);
    expect(signer(`${secretB},${secretA}`).verifyTag('delivery:42', tag)).toBe(true);
    expect(signer(secretA).verifyTag('delivery:43', tag)).toBe(false);
    expect(signer(secretA).verifyTag('delivery:42', 'zz')).toBe(false);
  });

  it('gives stable pseudonyms that depend on the purpose, the text and the secret', () => {
    const entry = signer(secretA).pseudonym('contest-entry:12', '42');
    expect(entry).toMatch(/^[0-9a-f]{32}$/);
    expect(signer(secretA).pseudonym('contest-entry:12', '42')).toBe(entry);
    expect(signer(secretA).pseudonym('contest-entry:13', '42')).not.toBe(entry);
    expect(signer(secretA).pseudonym('contest-entry:12', '43')).not.toBe(entry);
    expect(signer(secretB).pseudonym('contest-entry:12', '42')).not.toBe(entry);
  });

  describe('purpose tokens', () => {
    it('round-trips ids for the purpose they were signed for only', () => {
      const s = signer(secretA);
      const token = s.signPayload('confirm', [7, 123_456]);
      expect(s.verifyPayload('confirm', token)).toEqual([7, 123_456]);
      expect(s.verifyPayload('prefs', token)).toBeUndefined();
      expect(s.verify(token)).toBeUndefined();
      expect(s.verifyPayload('confirm', s.sign(claims))).toBeUndefined();
    });

    it('rejects another key, alterations and garbage', () => {
      const token = signer(secretA).signPayload('confirm', [1, 2]);
      expect(signer(secretB).verifyPayload('confirm', token)).toBeUndefined();
      expect(signer(`${secretB},${secretA}`).verifyPayload('confirm', token)).toEqual([1, 2]);
      const altered = token.slice(0, 2) + (token[2] === 'A' ? 'B' : 'A') + token.slice(3);
      expect(signer(secretA).verifyPayload('confirm', altered)).toBeUndefined();
      expect(signer(secretA).verifyPayload('confirm', 'x'.repeat(30))).toBeUndefined();
    });
  });
});
