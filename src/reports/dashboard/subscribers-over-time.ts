import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SUBSCRIBER_STATUSES } from '../../audience/subscriber.entity';
import { Clock } from '../../common/clock';
import { dbTime, sql, utcDay } from '../../common/db/sql-dialect';
import { dailyActiveSeries, lastDays } from './daily-active-series';
import type { SubscribersOverTimeDto } from './dashboard.dto';

export const SUBSCRIBER_DAYS = 90;
const RECENT_DAYS = 30;

const INACTIVE = SUBSCRIBER_STATUSES.filter((s) => s !== 'active');

export const SUBSCRIBERS_BASIS =
  'Active = subscriber status "active". The history is walked back from today\'s exact count: a subscriber joins on the day it was created and ' +
  'leaves on the day of its last change when it is no longer active (unsubscribed, bounced, complained, blocklisted or erased). ' +
  'When the status changed is not stored; the last change of the row stands in for it, exact unless the row was edited after leaving ' +
  '(imports never touch suppressed addresses). Someone who left and came back counts as never having left.';

/** Daily active subscribers over the last 90 days, with who joined and left; from indexes on created_at and (status, updated_at). */
@Injectable()
export class SubscribersOverTime {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<SubscribersOverTimeDto> {
    const ds = this.dataSource;
    const days = lastDays(this.clock.now(), SUBSCRIBER_DAYS);
    const from = dbTime(ds, new Date(`${days[0]}T00:00:00Z`));
    const [active] = await this.query<{ n: unknown }>(
      "SELECT COUNT(*) AS n FROM subscribers WHERE status = 'active'",
      [],
    );
    const joinedRows = await this.query<{ day: string; n: unknown }>(
      `SELECT ${utcDay(ds, 'created_at')} AS day, COUNT(*) AS n FROM subscribers WHERE created_at >= ? GROUP BY ${utcDay(ds, 'created_at')}`,
      [from],
    );
    const reason = "CASE WHEN erased_at IS NOT NULL THEN 'erased' ELSE status END";
    const leftRows = await this.query<{ day: string; reason: string; n: unknown }>(
      `SELECT ${utcDay(ds, 'updated_at')} AS day, ${reason} AS reason, COUNT(*) AS n FROM subscribers
       WHERE status IN (${INACTIVE.map(() => '?').join(', ')}) AND updated_at >= ? GROUP BY ${utcDay(ds, 'updated_at')}, ${reason}`,
      [...INACTIVE, from],
    );
    const joined = sumByDay(joinedRows);
    const left = sumByDay(leftRows);
    const recent = new Set(days.slice(-RECENT_DAYS));
    const inRecent = (rows: Array<{ day: string; n: unknown }>) =>
      rows.filter((r) => recent.has(String(r.day))).reduce((sum, r) => sum + Number(r.n), 0);
    return {
      total: Number(active.n),
      newLast30Days: inRecent(joinedRows),
      unsubscribedLast30Days: inRecent(leftRows.filter((r) => r.reason === 'unsubscribed')),
      leftLast30Days: inRecent(leftRows),
      basis: SUBSCRIBERS_BASIS,
      points: dailyActiveSeries(days, Number(active.n), joined, left),
    };
  }

  private query<T>(text: string, params: unknown[]): Promise<T[]> {
    return this.dataSource.query(sql(this.dataSource, text), params);
  }
}

function sumByDay(rows: Array<{ day: string; n: unknown }>): Map<string, number> {
  const days = new Map<string, number>();
  for (const r of rows) days.set(String(r.day), (days.get(String(r.day)) ?? 0) + Number(r.n));
  return days;
}
