import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isPostgres, sql } from '../../common/db/sql-dialect';
import type { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import {
  interestFromRow,
  INTEREST_COLUMNS,
  interestToRow,
  PROFILE_COLUMNS,
  profileFromRow,
  profileToRow,
  Row,
} from './profile-row';
import type { ValueProfile } from './value-profile';

export interface ProfileTables {
  profiles: string;
  interests: string;
}

export const LIVE_TABLES: ProfileTables = { profiles: 'value_profiles', interests: 'value_interests' };
export const REBUILD_TABLES: ProfileTables = {
  profiles: 'value_profiles_rebuild',
  interests: 'value_interests_rebuild',
};

const ROWS_PER_STATEMENT = 500;

type Db = DataSource | EntityManager;

/** Raw-SQL reads and batched writes of value profiles; no entity hydration (the recompute writes 100k rows). */
@Injectable()
export class ProfileStore {
  private readonly postgres: boolean;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.postgres = isPostgres(dataSource);
  }

  /**
   * The stored profiles (with interests) of the given subscribers that exist
   * and are not erased; null for those without a profile yet. Erased or unknown
   * subscribers are absent: their events build nothing.
   */
  async load(db: Db, tables: ProfileTables, subscriberIds: number[]): Promise<Map<number, ValueProfile | null>> {
    const result = new Map<number, ValueProfile | null>();
    for (let i = 0; i < subscriberIds.length; i += ROWS_PER_STATEMENT) {
      const ids = subscriberIds.slice(i, i + ROWS_PER_STATEMENT);
      const marks = ids.map(() => '?').join(',');
      const rows: Row[] = await db.query(
        sql(
          this.dataSource,
          `SELECT s.id AS sid, p.* FROM subscribers s LEFT JOIN ${tables.profiles} p ON p.subscriber_id = s.id
        WHERE s.id IN (${marks}) AND s.erased_at IS NULL`,
        ),
        ids,
      );
      for (const row of rows)
        result.set(
          Number(row.sid),
          row.subscriber_id === null || row.subscriber_id === undefined ? null : profileFromRow(row),
        );
      const interests: Row[] = await db.query(
        sql(this.dataSource, `SELECT * FROM ${tables.interests} WHERE subscriber_id IN (${marks})`),
        ids,
      );
      for (const row of interests) {
        const profile = result.get(Number(row.subscriber_id));
        if (profile) profile.interests.set(...interestFromRow(row));
      }
    }
    return result;
  }

  /** Writes profiles and all their interests; `upsert` replaces existing rows, otherwise the rows must be new. */
  async write(db: Db, tables: ProfileTables, profiles: ValueProfile[], upsert: boolean): Promise<void> {
    const settings = this.config.scores;
    for (let i = 0; i < profiles.length; i += ROWS_PER_STATEMENT) {
      const rows = profiles.slice(i, i + ROWS_PER_STATEMENT).map((p) => profileToRow(p, settings, this.postgres));
      await this.insert(db, tables.profiles, PROFILE_COLUMNS, ['subscriber_id'], rows, upsert);
    }
    const interests: unknown[][] = [];
    for (const p of profiles)
      for (const [topic, state] of p.interests)
        interests.push(interestToRow(p.subscriberId, topic, state, settings, this.postgres));
    for (let i = 0; i < interests.length; i += ROWS_PER_STATEMENT) {
      await this.insert(
        db,
        tables.interests,
        INTEREST_COLUMNS,
        ['subscriber_id', 'topic'],
        interests.slice(i, i + ROWS_PER_STATEMENT),
        upsert,
      );
    }
  }

  private async insert(
    db: Db,
    table: string,
    columns: readonly string[],
    key: string[],
    rows: unknown[][],
    upsert: boolean,
  ): Promise<void> {
    if (rows.length === 0) return;
    const tuple = `(${columns.map(() => '?').join(',')})`;
    const conflict = upsert
      ? ` ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${columns
          .filter((c) => !key.includes(c))
          .map((c) => `${c} = excluded.${c}`)
          .join(', ')}`
      : '';
    const text = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${rows.map(() => tuple).join(',')}${conflict}`;
    await db.query(sql(this.dataSource, text), rows.flat());
  }
}
