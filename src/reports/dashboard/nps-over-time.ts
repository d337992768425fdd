import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { dbTime, sql, utcMonth } from '../../common/db/sql-dialect';
import { KindRegistry } from '../../kinds/kind-registry';
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
    private readonly kinds: KindRegistry,
  ) {}

  async execute(): Promise<NpsOverTimeDto> {
    const ds = this.dataSource;
    const months = lastMonths(this.clock.now(), NPS_MONTHS);
    const month = utcMonth(ds, 'answered_at');
    const rows: Array<{ month: string; value: string; n: unknown }> = [];
    for (const { npsAnswers } of this.kinds.all()) {
      if (!npsAnswers) continue;
      // The NPS campaigns first (a few rows), so the answers are read from their index alone.
      const ids = await npsAnswers.campaignIds(ds);
      if (ids.length === 0) continue;
      rows.push(
        ...(await ds.query(
          sql(
            ds,
            `SELECT ${month} AS month, value, COUNT(*) AS n FROM ${npsAnswers.table}
         WHERE answered_at >= ? AND campaign_id IN (${ids.map(() => '?').join(', ')}) GROUP BY ${month}, value`,
          ),
          [dbTime(ds, new Date(`${months[0]}-01T00:00:00Z`)), ...ids],
        )),
      );
    }
    return {
      basis: NPS_BASIS,
      ...monthlyNps(
        months,
        rows.map((r) => ({ month: String(r.month), value: Number(r.value), count: Number(r.n) })),
      ),
    };
  }
}
