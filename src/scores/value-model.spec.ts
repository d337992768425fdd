import { decayed, netPromoterScore, netPromoterScoreOf, npsClassOf, scoreOf, sumForScore } from './value-model';

describe('value model', () => {
  it('halves an interaction after one half-life and never grows it for a future event', () => {
    const at = Date.UTC(2026, 0, 1);
    expect(decayed(8, at, at + 90 * 86_400_000, 90)).toBeCloseTo(4, 10);
    expect(decayed(8, at, at + 180 * 86_400_000, 90)).toBeCloseTo(2, 10);
    expect(decayed(8, at + 1000, at, 90)).toBe(8);
  });

  it('maps sums onto 0–100 with 10 at 50, and back', () => {
    expect(scoreOf(0)).toBe(0);
    expect(scoreOf(10)).toBe(50);
    expect(scoreOf(20)).toBe(75);
    expect(scoreOf(1)).toBe(6.7);
    expect(sumForScore(50)).toBeCloseTo(10, 10);
    expect(sumForScore(75)).toBeCloseTo(20, 10);
    expect(sumForScore(100)).toBe(Infinity);
  });

  it('classifies NPS answers and computes NPS as promoters minus detractors', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsClassOf)).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
    expect(netPromoterScore([10, 9, 8, 3])).toBe(25);
    expect(netPromoterScore([])).toBeNull();
    // 2 promoters, 1 passive, 4 detractors: (2 − 4) / 7 = −28.57 % → −29.
    expect(netPromoterScoreOf({ promoters: 2, passives: 1, detractors: 4 })).toBe(-29);
    expect(netPromoterScoreOf({ promoters: 0, passives: 0, detractors: 0 })).toBeNull();
  });
});
