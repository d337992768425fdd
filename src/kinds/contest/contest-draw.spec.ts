import { randomBytes } from 'node:crypto';
import { canonicalEntryList, DrawEntry, DrawInput, drawOrder, entryDigest } from './contest-draw';
import { beaconRound, roundAtOrAfter } from './draw-beacon';

// The independent re-implementation anyone runs; this spec proves both agree.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const script = require('../../../scripts/verify-draw.js') as {
  recomputeOrder(seed: string, list: Array<[string, number]>, beacon: string | null, picks: number): string[];
};

const ref = (i: number) => i.toString(16).padStart(32, '0');
const entries: DrawEntry[] = Array.from({ length: 50 }, (_, i) => ({ ref: ref(100 + i), weight: 1 + (i % 3) }));
const input = (seed: string, list = entries, beaconValue: string | null = null): DrawInput => ({
  seed,
  entries: list,
  beaconValue,
});

describe('contest draw (valuemail-draw/2)', () => {
  it('gives the worked example of docs/contest-draw.md', () => {
    const example: DrawEntry[] = [
      { ref: 'aa', weight: 1 },
      { ref: 'bb', weight: 3 },
      { ref: 'cc', weight: 2 },
    ];
    expect(canonicalEntryList(example)).toBe('[["aa",1],["bb",3],["cc",2]]');
    expect(entryDigest(example)).toBe('b60b7b24dc251f421fc25930c6537ec874264a6318fe328f9e14ec8aa8cb2039');
    expect(drawOrder(input('00'.repeat(32), example, 'ff'.repeat(32)), 3)).toEqual(['bb', 'aa', 'cc']);
  });

  it('is deterministic and independent of the order entries are given in', () => {
    const a = drawOrder(input('seed-1'), 5);
    expect(drawOrder(input('seed-1', [...entries].reverse()), 5)).toEqual(a);
    expect(drawOrder(input('seed-2'), 5)).not.toEqual(a);
  });

  it('depends on every input: the entry list, one weight and the beacon value', () => {
    const a = drawOrder(input('s', entries, 'ab'.repeat(32)), 10);
    expect(drawOrder(input('s', entries, 'ac'.repeat(32)), 10)).not.toEqual(a);
    expect(drawOrder(input('s', entries, null), 10)).not.toEqual(a);
    const heavier = entries.map((e, i) => (i === 7 ? { ...e, weight: e.weight + 1 } : e));
    expect(drawOrder(input('s', heavier, 'ab'.repeat(32)), 10)).not.toEqual(a);
    expect(drawOrder(input('s', entries.slice(1), 'ab'.repeat(32)), 10)).not.toEqual(a);
  });

  it('draws without replacement, never more than there are entries, and extends the same order for a redraw', () => {
    const all = drawOrder(input('s'), 80);
    expect(all).toHaveLength(50);
    expect(new Set(all).size).toBe(50);
    expect(drawOrder(input('s'), 4).slice(0, 3)).toEqual(drawOrder(input('s'), 3));
  });

  it('follows the weights', () => {
    const two: DrawEntry[] = [
      { ref: 'a', weight: 1 },
      { ref: 'b', weight: 3 },
    ];
    let heavy = 0;
    for (let i = 0; i < 4000; i++) if (drawOrder(input(`seed-${i}`, two), 1)[0] === 'b') heavy++;
    expect(heavy / 4000).toBeGreaterThan(0.72);
    expect(heavy / 4000).toBeLessThan(0.78);
  });

  it('agrees with the standalone script on 200 random draws', () => {
    for (let n = 0; n < 200; n++) {
      const size = 1 + (n % 40);
      const list: DrawEntry[] = Array.from({ length: size }, () => ({
        ref: randomBytes(16).toString('hex'),
        weight: 1 + Math.floor(Math.random() * 5),
      }));
      const seed = randomBytes(32).toString('hex');
      const beacon = n % 2 ? randomBytes(32).toString('hex') : null;
      const picks = 1 + (n % 7);
      expect(
        script.recomputeOrder(
          seed,
          list.map((e) => [e.ref, e.weight]),
          beacon,
          picks,
        ),
      ).toEqual(drawOrder(input(seed, list, beacon), picks));
    }
  });

  it('names a drand quicknet round by its publication time', () => {
    const at = new Date('2030-06-01T00:00:00Z');
    const round = roundAtOrAfter(at);
    expect(beaconRound(round).at.getTime()).toBeGreaterThanOrEqual(at.getTime());
    expect(beaconRound(round - 1).at.getTime()).toBeLessThan(at.getTime());
    expect(beaconRound(1).at.toISOString()).toBe('2023-08-23T15:09:27.000Z');
  });
});
