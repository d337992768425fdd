import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { VALUE_DIMENSIONS, ValueDimension } from '../../campaigns/campaign-kind';
import { Clock } from '../../common/clock';
import { dbTime, sql } from '../../common/db/sql-dialect';
import { SUBSCRIBER_STATUSES } from '../../audience/subscriber.entity';
import type { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { LIVE_TABLES } from '../../scores/profile/profile-store';
import { DAY_MS, HALF_SCORE_SUM } from '../../scores/value-model';
import type { DimensionAveragesDto, ValueDimensionsDto } from './dashboard.dto';

export const PROFILES_TABLE = LIVE_TABLES.profiles;

export const NO_PROFILES_REASON =
  'Value scores are not computed on this installation yet: the averages appear once subscriber value profiles exist.';

/** Averages over a million profiles move slowly; one reading serves the dashboards of this long. */
export const VALUE_AVERAGES_TTL_MS = 5 * 60_000;

/**
 * SQL for one dimension's 0–100 score of a value_profiles row `p` at now, as
 * scoreOf(sumAt(...)) computes it: the decayed sum from the stored anchor
 * (log2 S + T/h, so S·2^(−(now−T)/h) = 2^(anchor − now/h)), S itself for an
 * event after now, mapped onto 0–100 and rounded to one decimal.
 * Parameters: now as stored, now in half-lives.
 */
function scoreSql(dimension: ValueDimension): string {
  const decayed = `CASE WHEN p.${dimension}_at >= ? THEN p.${dimension}_sum ELSE power(2, p.${dimension}_anchor - ?) END`;
  return `CASE WHEN p.${dimension}_anchor IS NULL THEN 0 ELSE FLOOR(1000 * (1 - power(2, -(${decayed}) / ${HALF_SCORE_SUM}.0)) + 0.5) / 10 END`;
}

const INACTIVE = SUBSCRIBER_STATUSES.filter((s) => s !== 'active');

/**
 * Average value dimensions across active subscribers, read from the stored
 * value profiles (a subscriber without one scores 0), exactly as the list and
 * segment reports average them. One pass over the profiles, so a reading is
 * reused for a few minutes. Without profiles (the scores module's tables not
 * migrated) the answer is null with a reason: deriving them from the raw event
 * log would decay and sum every human event per subscriber on each call.
 */
@Injectable()
export class ValueDimensions {
  private profilesExist = false;
  private cached: { at: number; activeSubscribers: number; value: ValueDimensionsDto } | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async execute(activeSubscribers: number): Promise<ValueDimensionsDto> {
    if (!(await this.hasProfiles()))
      return {
        source: null,
        reason: NO_PROFILES_REASON,
        subscribers: activeSubscribers,
        averages: null,
        computedAt: null,
      };
    const now = this.clock.now().getTime();
    const fresh =
      this.cached &&
      now - this.cached.at < VALUE_AVERAGES_TTL_MS &&
      this.cached.activeSubscribers === activeSubscribers;
    if (!fresh) this.cached = { at: now, activeSubscribers, value: await this.read(now, activeSubscribers) };
    return this.cached!.value;
  }

  private async read(now: number, activeSubscribers: number): Promise<ValueDimensionsDto> {
    const ds = this.dataSource;
    const params = VALUE_DIMENSIONS.flatMap(() => [
      dbTime(ds, new Date(now)),
      now / (this.config.scores.halfLifeDays * DAY_MS),
    ]);
    const sums = `SELECT ${VALUE_DIMENSIONS.map((d) => `SUM(${scoreSql(d)}) AS ${d}`).join(', ')} FROM ${PROFILES_TABLE} p`;
    // Everyone's profile minus those of the few who are not active: one pass over the profiles,
    // rather than a join from every active subscriber.
    const [all] = await ds.query(sql(ds, sums), params);
    const [inactive] = await ds.query(
      sql(
        ds,
        `${sums} JOIN subscribers s ON s.id = p.subscriber_id WHERE s.status IN (${INACTIVE.map(() => '?').join(', ')})`,
      ),
      [...params, ...INACTIVE],
    );
    const average = (d: ValueDimension) =>
      activeSubscribers > 0
        ? Math.round(((Number(all?.[d] ?? 0) - Number(inactive?.[d] ?? 0)) / activeSubscribers) * 10) / 10
        : 0;
    const averages = Object.fromEntries(
      VALUE_DIMENSIONS.map((d) => [d, average(d)]),
    ) as unknown as DimensionAveragesDto;
    return {
      source: 'profiles',
      reason: null,
      subscribers: activeSubscribers,
      averages,
      computedAt: new Date(now).toISOString(),
    };
  }

  /** Tables only appear through migrations: once there, they stay; until then it is asked again (one catalogue lookup). */
  private async hasProfiles(): Promise<boolean> {
    if (this.profilesExist) return true;
    const runner = this.dataSource.createQueryRunner();
    try {
      this.profilesExist = await runner.hasTable(PROFILES_TABLE);
    } finally {
      await runner.release();
    }
    return this.profilesExist;
  }
}
