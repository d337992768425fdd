import { createHash } from 'node:crypto';
import { FingerprintSet } from './fingerprint-set';

describe('FingerprintSet', () => {
  it('reports repeats, survives growth and tells close keys apart', () => {
    const set = new FingerprintSet();
    const hex = (i: number) => createHash('sha256').update(String(i)).digest('hex');
    let added = 0;
    for (let i = 0; i < 200_000; i++) if (set.add(hex(i))) added++;
    expect(added).toBe(200_000);
    expect(set.size).toBe(200_000);
    let repeated = 0;
    for (let i = 0; i < 200_000; i += 997) if (!set.add(hex(i))) repeated++;
    expect(repeated).toBe(Math.ceil(200_000 / 997));
    expect(set.add('00000000000001')).toBe(true);
    expect(set.add('00000000000002')).toBe(true);
    expect(set.add('00000100000001')).toBe(true);
    expect(set.add('00000000000001')).toBe(false);
    expect(set.size).toBe(200_003);
  });
});
