import { canonicalSnapshot, drawWinners, parseSnapshot, SnapshotEntry } from './contest-draw';

const entries: SnapshotEntry[] = Array.from({ length: 50 }, (_, i) => ({ subscriberId: 100 + i, weight: 1 + (i % 3) }));

describe('contest draw', () => {
  it('is deterministic for a seed and independent of the order entries are given in', () => {
    const a = drawWinners('seed-1', entries, 5);
    expect(drawWinners('seed-1', [...entries].reverse(), 5)).toEqual(a);
    expect(drawWinners('seed-2', entries, 5)).not.toEqual(a);
  });

  it('draws without replacement and never more winners than entries', () => {
    const all = drawWinners('s', entries, 80);
    expect(all).toHaveLength(50);
    expect(new Set(all).size).toBe(50);
  });

  it('extends the same order for a redraw', () => {
    expect(drawWinners('s', entries, 4)).toEqual(drawWinners('s', entries, 3).concat(drawWinners('s', entries, 4)[3]));
    expect(drawWinners('s', entries, 4).slice(0, 3)).toEqual(drawWinners('s', entries, 3));
  });

  it('follows the weights', () => {
    const two: SnapshotEntry[] = [{ subscriberId: 1, weight: 1 }, { subscriberId: 2, weight: 3 }];
    let heavy = 0;
    for (let i = 0; i < 4000; i++) if (drawWinners(`seed-${i}`, two, 1)[0] === 2) heavy++;
    expect(heavy / 4000).toBeGreaterThan(0.72);
    expect(heavy / 4000).toBeLessThan(0.78);
  });

  it('round-trips the canonical snapshot', () => {
    expect(parseSnapshot(canonicalSnapshot(entries))).toEqual(entries);
  });
});
