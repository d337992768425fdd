import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { dbTime, jsonText, sql, utcMonth } from '../../common/db/sql-dialect';
import type { NpsOverTimeDto } from './dashboard.dto';
import { lastMonths, monthlyNps } from './monthly-nps';

export const NPS_MONTHS = 12;

export const NPS_BASIS =
  'Answers to NPS polls (0–10), one per subscriber per poll: the latest, in the month it was given. ' +
  'Answers are posted by the person from the poll page (never by a link scanner), so all are human.';

/** Monthly NPS over the last 12 months, from the current answers of every NPS poll (bounded by an index on answered_at). */
@Injectable()
export class NpsOverTime {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<NpsOverTimeDto> {
    const ds = this.dataSource;
    const months = lastMonths(this.clock.now(), NPS_MONTHS);
    // The NPS polls first (a few rows), so the answers are read from their index alone.
    const polls: Array<{ id: unknown }> = await ds.query(`SELECT id FROM campaigns WHERE kind = 'poll' AND ${jsonText(ds, 'content', 'type')} = 'nps'`);
    if (polls.length === 0) return { basis: NPS_BASIS, ...monthlyNps(months, []) };
    const month = utcMonth(ds, 'answered_at');
    const rows: Array<{ month: string; value: string; n: unknown }> = await ds.query(sql(ds,
      `SELECT ${month} AS month, value, COUNT(*) AS n FROM poll_answers
       WHERE answered_at >= ? AND campaign_id IN (${polls.map(() => '?').join(', ')}) GROUP BY ${month}, value`),
    [dbTime(ds, new Date(`${months[0]}-01T00:00:00Z`)), ...polls.map((p) => Number(p.id))]);
    return { basis: NPS_BASIS, ...monthlyNps(months, rows.map((r) => ({ month: String(r.month), value: Number(r.value), count: Number(r.n) }))) };
  }
}
