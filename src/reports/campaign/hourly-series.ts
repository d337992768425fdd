import type { HourlyPoint, Timeline } from './campaign-report.types';

export const HOUR_MS = 3_600_000;
/** 30 days of hours: the chart stays readable and the answer small; later events are marked truncated. */
export const MAX_HOURLY_BUCKETS = 720;

export interface HourlyCount {
  hour: Date;
  kind: 'open' | 'click';
  machine: boolean;
  count: number;
}

export const startOfHour = (date: Date): Date => new Date(Math.floor(date.getTime() / HOUR_MS) * HOUR_MS);

/** The hours a campaign's chart spans: from its send start up to now, at most MAX_HOURLY_BUCKETS. */
export function hourlyWindow(startedAt: Date | null, now: Date): { from: Date; to: Date; truncated: boolean } | null {
  if (!startedAt) return null;
  const from = startOfHour(startedAt);
  const last = new Date(from.getTime() + (MAX_HOURLY_BUCKETS - 1) * HOUR_MS);
  const current = startOfHour(now);
  const to = current < from ? from : current > last ? last : current;
  return { from, to, truncated: current > last };
}

/** Every hour from `from` to `to` (inclusive), zeros included, so a chart draws a continuous line. */
export function hourlySeries(
  window: { from: Date; to: Date; truncated: boolean } | null,
  counts: HourlyCount[],
): Timeline {
  if (!window) return { interval: 'hour', from: null, to: null, truncated: false, points: [] };
  const byHour = new Map<number, HourlyPoint>();
  const points: HourlyPoint[] = [];
  for (let t = window.from.getTime(); t <= window.to.getTime(); t += HOUR_MS) {
    const point = { hour: new Date(t).toISOString(), humanOpens: 0, machineOpens: 0, humanClicks: 0, machineClicks: 0 };
    byHour.set(t, point);
    points.push(point);
  }
  for (const c of counts) {
    const point = byHour.get(startOfHour(c.hour).getTime());
    if (!point) continue;
    if (c.kind === 'open') point[c.machine ? 'machineOpens' : 'humanOpens'] += c.count;
    else point[c.machine ? 'machineClicks' : 'humanClicks'] += c.count;
  }
  return {
    interval: 'hour',
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    truncated: window.truncated,
    points,
  };
}
