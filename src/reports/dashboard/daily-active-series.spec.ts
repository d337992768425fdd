import { dailyActiveSeries, lastDays } from './daily-active-series';

describe('dailyActiveSeries', () => {
  it('lists the last days up to today, UTC, oldest first', () => {
    expect(lastDays(new Date('2026-03-02T23:59:00Z'), 3)).toEqual(['2026-02-28', '2026-03-01', '2026-03-02']);
    expect(lastDays(new Date('2026-03-02T00:00:00Z'), 1)).toEqual(['2026-03-02']);
  });

  it("walks back from today's count: yesterday = today − joined today + left today", () => {
    const days = ['2026-03-01', '2026-03-02', '2026-03-03'];
    // Today 10 active; 3 joined and 1 left today, so 8 yesterday; 2 left yesterday, so 10 the day before.
    const points = dailyActiveSeries(
      days,
      10,
      new Map([['2026-03-03', 3]]),
      new Map([
        ['2026-03-03', 1],
        ['2026-03-02', 2],
      ]),
    );
    expect(points).toEqual([
      { date: '2026-03-01', active: 10, joined: 0, left: 0 },
      { date: '2026-03-02', active: 8, joined: 0, left: 2 },
      { date: '2026-03-03', active: 10, joined: 3, left: 1 },
    ]);
  });

  it('ignores counts outside the days asked for', () => {
    const points = dailyActiveSeries(['2026-03-03'], 4, new Map([['2026-01-01', 99]]), new Map());
    expect(points).toEqual([{ date: '2026-03-03', active: 4, joined: 0, left: 0 }]);
  });
});
