import type { SubscriberDayDto } from './dashboard.dto';

export const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' of a time, UTC. */
export const utcDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The UTC days from `days - 1` days before `now` up to today, oldest first. */
export function lastDays(now: Date, days: number): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => utcDate(today - (days - 1 - i) * DAY_MS));
}

/**
 * Active subscribers at the end of each day, walked back from today's exact
 * count: the day before had everyone of today except who joined today, plus
 * who left today. Joins and departures per day come from the caller.
 */
export function dailyActiveSeries(
  days: string[],
  activeNow: number,
  joined: Map<string, number>,
  left: Map<string, number>,
): SubscriberDayDto[] {
  const points: SubscriberDayDto[] = [];
  let active = activeNow;
  for (let i = days.length - 1; i >= 0; i--) {
    const date = days[i];
    const point = { date, active, joined: joined.get(date) ?? 0, left: left.get(date) ?? 0 };
    points.push(point);
    active = active - point.joined + point.left;
  }
  return points.reverse();
}
