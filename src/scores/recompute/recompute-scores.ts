import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { execute, sql } from '../../common/db/sql-dialect';
import type { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { EventLogFollower } from '../../events/event-log.follower';
import { SCORES_CONSUMER } from '../incremental/value-profile.consumer';
import { KindRegistry } from '../../kinds/kind-registry';
import { CampaignFactsCache } from '../profile/campaign-facts';
import { FoldEventBatch, lockProfiles } from '../profile/fold-batch';
import { foldEvent } from '../profile/profile-fold';
import { INTEREST_COLUMNS, PROFILE_COLUMNS } from '../profile/profile-row';
import { LIVE_TABLES, ProfileStore, REBUILD_TABLES } from '../profile/profile-store';
import { emptyProfile, ValueProfile } from '../profile/value-profile';
import { EventReader } from './event-reader';
import { recordModelSettings } from './model-settings.store';
import { RecomputeRuns } from './recompute-runs';

const FLUSH_PROFILES = 2000;
// Subscribers folded per pass over the log: bounds memory (a profile is well under 1 KB).
const WINDOW_SUBSCRIBERS = 25_000;
const HEARTBEAT_MS = 1000;

export interface RecomputeTick {
  eventsDone: number;
  eventsTotal: number;
  subscribersDone: number;
}

/**
 * The full recompute: every profile rebuilt from the event log with the same
 * fold as the incremental consumer (each subscriber's events in id order) into
 * the rebuild tables, in windows of subscribers so memory stays bounded.
 * Meanwhile the live profiles stay in use and current. One short transaction
 * then folds the events the consumer handled since the stream's head into the
 * rebuilt profiles, swaps them in and moves the consumer's cursor, so nothing
 * is missed or counted twice. It announces no class changes: the consumer
 * already announced them.
 */
@Injectable()
export class RecomputeScores {
  private readonly logger = new Logger('RecomputeScores');
  private readonly reader: EventReader;

  constructor(
    private readonly kinds: KindRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly store: ProfileStore,
    private readonly batch: FoldEventBatch,
    private readonly follower: EventLogFollower,
    private readonly runs: RecomputeRuns,
  ) {
    this.reader = new EventReader(dataSource);
  }

  /** Runs a queued recompute; `onTick` hears the progress about once a second. */
  async execute(runId: number, onTick?: (tick: RecomputeTick) => void): Promise<void> {
    if (!(await this.runs.claim(runId))) return;
    try {
      const head = await this.reader.settledHead();
      const eventsTotal = await this.reader.countUpTo(head);
      await this.runs.update(runId, { headEventId: head, eventsTotal });
      const tick = { eventsDone: 0, eventsTotal, subscribersDone: 0 };
      await this.clearRebuild(this.dataSource.manager);
      await this.stream(head, tick, async () => {
        await this.runs.heartbeat(runId, tick);
        onTick?.({ ...tick });
      });
      const tailEvents = await this.swap(runId, head, tick);
      onTick?.({ ...tick });
      this.logger.log(
        `recompute ${runId}: ${tick.subscribersDone} profiles from ${tick.eventsDone} events (+${tailEvents} from the log's tail)`,
      );
    } catch (error) {
      await this.runs.fail(runId, (error as Error).message);
      throw error;
    }
  }

  /**
   * Subscribers are taken in windows of ids; for each window one pass reads the
   * log front to back (sequential, unlike an index walk by subscriber) and folds
   * the window's events in id order. Memory is bounded by the window, whatever
   * the length of the log; a pass over the other windows' rows costs only the scan.
   */
  private async stream(head: number, tick: RecomputeTick, beat: () => Promise<void>): Promise<void> {
    const settings = this.config.scores;
    const campaigns = new CampaignFactsCache(this.kinds);
    await campaigns.loadAll(this.dataSource);
    let lastBeat = Date.now();
    for (let after = 0; ;) {
      const live = await this.nextWindow(after);
      if (live.length === 0) break;
      const lo = live[0];
      const hi = live[live.length - 1];
      const isLive = new Set(live);
      const profiles = new Map<number, ValueProfile>();
      for (let afterId = 0; ;) {
        const page = await this.reader.pageOfWindow(head, afterId, lo, hi);
        if (page.length === 0) break;
        for (const e of page) {
          let profile = profiles.get(e.subscriberId);
          if (!profile) {
            if (!isLive.has(e.subscriberId)) continue;
            profile = emptyProfile(e.subscriberId);
            profiles.set(e.subscriberId, profile);
          }
          foldEvent(profile, e, campaigns.get(e.campaignId), settings);
        }
        tick.eventsDone += page.length;
        afterId = page[page.length - 1].id;
        if (Date.now() - lastBeat >= HEARTBEAT_MS) {
          lastBeat = Date.now();
          await beat();
        }
      }
      const done = [...profiles.values()].sort((a, b) => a.subscriberId - b.subscriberId);
      for (let i = 0; i < done.length; i += FLUSH_PROFILES) {
        const slice = done.slice(i, i + FLUSH_PROFILES);
        await this.dataSource.transaction((m) => this.store.write(m, REBUILD_TABLES, slice, false));
      }
      tick.subscribersDone += done.length;
      after = hi;
    }
  }

  /** The next window of existing, non-erased subscriber ids after `after` (the others get no profile, as in the incremental path). */
  private async nextWindow(after: number): Promise<number[]> {
    const ds = this.dataSource;
    const rows: Array<{ id: unknown }> = await ds.query(
      sql(ds, `SELECT id FROM subscribers WHERE id > ? AND erased_at IS NULL ORDER BY id LIMIT ${WINDOW_SUBSCRIBERS}`),
      [after],
    );
    return rows.map((r) => Number(r.id));
  }

  /** Folds the log's tail into the rebuilt profiles and swaps them in, in one transaction. Returns the tail's size. */
  private async swap(runId: number, head: number, tick: RecomputeTick): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      await lockProfiles(m);
      // A write first: on SQLite this transaction then holds the write lock before it reads the cursor.
      await this.runs.heartbeat(runId, tick, m);
      const cursor = await this.follower.position(SCORES_CONSUMER, m);
      let tail = 0;
      for (let after = head; after < cursor;) {
        const events = await this.reader.logPage(m, after, cursor);
        if (events.length === 0) break;
        await this.batch.apply(m, REBUILD_TABLES, events);
        tail += events.length;
        after = events[events.length - 1].id;
      }
      const profileColumns = PROFILE_COLUMNS.join(', ');
      const interestColumns = INTEREST_COLUMNS.join(', ');
      await execute(m, `DELETE FROM ${LIVE_TABLES.interests}`, []);
      await execute(m, `DELETE FROM ${LIVE_TABLES.profiles}`, []);
      // A subscriber erased while the stream ran may have been rebuilt before the erasure: leave it out.
      const live = 'subscriber_id IN (SELECT id FROM subscribers WHERE erased_at IS NULL)';
      await execute(
        m,
        `INSERT INTO ${LIVE_TABLES.profiles} (${profileColumns}) SELECT ${profileColumns} FROM ${REBUILD_TABLES.profiles} WHERE ${live}`,
        [],
      );
      await execute(
        m,
        `INSERT INTO ${LIVE_TABLES.interests} (${interestColumns}) SELECT ${interestColumns} FROM ${REBUILD_TABLES.interests} WHERE ${live}`,
        [],
      );
      await this.clearRebuild(m);
      await this.follower.moveTo(SCORES_CONSUMER, Math.max(cursor, head), m);
      await recordModelSettings(m, this.config.scores);
      await this.runs.finish(runId, { ...tick, tailEvents: tail }, m);
      return tail;
    });
  }

  private async clearRebuild(m: EntityManager): Promise<void> {
    await execute(m, `DELETE FROM ${REBUILD_TABLES.interests}`, []);
    await execute(m, `DELETE FROM ${REBUILD_TABLES.profiles}`, []);
  }
}
