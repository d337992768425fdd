import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isPostgres } from '../../common/db/sql-dialect';
import type { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import type { LoggedEvent } from '../../events/event-log.follower';
import type { ScoreClassChange } from '../score-class-change.hooks';
import { KindRegistry } from '../../kinds/kind-registry';
import { CampaignFactsCache } from './campaign-facts';
import { EventReader } from '../recompute/event-reader';
import { foldEvent, isProfileEvent } from './profile-fold';
import { ProfileStore, ProfileTables } from './profile-store';
import { emptyProfile, ValueProfile } from './value-profile';

/**
 * Writers of value profiles take this transaction lock first on PostgreSQL
 * (SQLite has one writer anyway), so the recompute's swap and an incremental
 * batch never interleave: the later one sees the other's rows.
 */
export async function lockProfiles(manager: EntityManager): Promise<void> {
  if (isPostgres(manager.connection)) await manager.query('SELECT pg_advisory_xact_lock(7412, 1)');
}

/** Folds a batch of logged events into the stored profiles they touch: load, fold in id order, write back. */
@Injectable()
export class FoldEventBatch {
  private readonly campaigns: CampaignFactsCache;

  constructor(
    kinds: KindRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly store: ProfileStore,
  ) {
    this.campaigns = new CampaignFactsCache(kinds);
  }

  /** Returns the class changes, in event order. */
  async apply(manager: EntityManager, tables: ProfileTables, events: LoggedEvent[]): Promise<ScoreClassChange[]> {
    const human = events.filter(
      (e) => !e.machine && e.subscriberId !== null && (isProfileEvent(e.type) || e.type === 'reflagged'),
    );
    if (human.length === 0) return [];
    await this.campaigns.ensure(
      manager,
      human.map((e) => e.campaignId),
    );
    const reader = new EventReader(this.dataSource);
    const stored = await this.store.load(manager, tables, [...new Set(human.map((e) => e.subscriberId!))]);
    const touched = new Map<number, ValueProfile>();
    const changes: ScoreClassChange[] = [];
    for (const e of human) {
      const id = e.subscriberId!;
      if (!stored.has(id)) continue;
      let profile = touched.get(id) ?? stored.get(id) ?? undefined;
      if (!profile) profile = emptyProfile(id);
      if (e.type === 'reflagged') {
        // Earlier events changed their flags: the profile is what they fold to now.
        profile = emptyProfile(id);
        const earlier = (await reader.ofSubscriber(id, e.id - 1, manager)).filter((x) => !x.machine);
        await this.campaigns.ensure(
          manager,
          earlier.map((x) => x.campaignId),
        );
        for (const x of earlier) foldEvent(profile, x, this.campaigns.get(x.campaignId), this.config.scores);
        profile.lastEventId = e.id;
        touched.set(id, profile);
        continue;
      }
      touched.set(id, profile);
      foldEvent(profile, e, this.campaigns.get(e.campaignId), this.config.scores, changes);
    }
    await this.store.write(manager, tables, [...touched.values()], true);
    return changes;
  }
}
