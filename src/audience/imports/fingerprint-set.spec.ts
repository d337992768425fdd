import { createHash } from 'node:crypto';
import { FingerprintSet } from './fingerprint-set';

describe('FingerprintSet', () => {
  it('reports repeats, survives growth and tells close keys apart', () => {
    const set = new FingerprintSet();
    const hex = (i: number) => createHash('sha256').update(String(i)).digest('hex');
    for (let i = 0; i < 200_000; i++) expect(set.add(hex(i))).toBe(true);
    expect(set.size).toBe(200_000);
    for (let i = 0; i < 200_000; i += 997) expect(set.add(hex(i))).toBe(false);
    expect(set.add('00000000000001')).toBe(true);
    expect(set.add('00000000000002')).toBe(true);
    expect(set.add('00000100000001')).toBe(true);
    expect(set.add('00000000000001')).toBe(false);
    expect(set.size).toBe(200_003);
  });
});
