import { countNpsAnswer, netPromoterScoreOf, NpsClassCounts } from '../../scores/value-model';
import type { NpsMonthDto } from './dashboard.dto';

/** The `count` UTC months ending with the month of `now`, as 'YYYY-MM', oldest first. */
export function lastMonths(now: Date, count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (count - 1 - i), 1)).toISOString().slice(0, 7),
  );
}

/** NPS per month from answers counted per (month, value); months without answers stay in with a null NPS. */
export function monthlyNps(
  months: string[],
  rows: Array<{ month: string; value: number; count: number }>,
): { points: NpsMonthDto[]; overall: NpsMonthDto } {
  const empty = (): NpsClassCounts => ({ promoters: 0, passives: 0, detractors: 0 });
  const byMonth = new Map(months.map((m) => [m, empty()]));
  const all = empty();
  for (const r of rows) {
    const counts = byMonth.get(r.month);
    if (!counts) continue;
    countNpsAnswer(counts, r.value, r.count);
    countNpsAnswer(all, r.value, r.count);
  }
  const point = (month: string, c: NpsClassCounts): NpsMonthDto => ({
    month,
    answers: c.promoters + c.passives + c.detractors,
    ...c,
    nps: netPromoterScoreOf(c),
  });
  return {
    points: months.map((m) => point(m, byMonth.get(m)!)),
    overall: point(`${months[0]}/${months[months.length - 1]}`, all),
  };
}
