import { lastMonths, monthlyNps } from './monthly-nps';

describe('monthlyNps', () => {
  it('lists twelve months ending with the current one, across a year boundary', () => {
    const months = lastMonths(new Date('2026-02-15T10:00:00Z'), 12);
    expect(months[0]).toBe('2025-03');
    expect(months[11]).toBe('2026-02');
    expect(months).toHaveLength(12);
  });

  it('counts classes per month, keeps empty months and sums the span', () => {
    const months = ['2026-01', '2026-02', '2026-03'];
    const { points, overall } = monthlyNps(months, [
      { month: '2026-01', value: 10, count: 3 }, // 3 promoters
      { month: '2026-01', value: 2, count: 1 }, // 1 detractor: (3 − 1) / 4 = 50
      { month: '2026-03', value: 7, count: 2 }, // 2 passives: 0
      { month: '2025-12', value: 0, count: 9 }, // outside the span: ignored
    ]);
    expect(points).toEqual([
      { month: '2026-01', answers: 4, promoters: 3, passives: 0, detractors: 1, nps: 50 },
      { month: '2026-02', answers: 0, promoters: 0, passives: 0, detractors: 0, nps: null },
      { month: '2026-03', answers: 2, promoters: 0, passives: 2, detractors: 0, nps: 0 },
    ]);
    // 3 promoters, 2 passives, 1 detractor: (3 − 1) / 6 = 33.3 → 33.
    expect(overall).toEqual({
      month: '2026-01/2026-03',
      answers: 6,
      promoters: 3,
      passives: 2,
      detractors: 1,
      nps: 33,
    });
  });
});
