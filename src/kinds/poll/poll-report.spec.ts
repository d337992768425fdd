import { npsOf } from './poll-report';

describe('NPS', () => {
  it('is % promoters (9-10) minus % detractors (0-6)', () => {
    expect(npsOf([10, 9, 8, 7, 6, 0])).toEqual({ score: 0, promoters: 2, passives: 2, detractors: 2 });
    expect(npsOf([10, 10, 10, 3])).toEqual({ score: 50, promoters: 3, passives: 0, detractors: 1 });
    expect(npsOf([0, 1, 2])?.score).toBe(-100);
    expect(npsOf([])).toBeNull();
  });
});
