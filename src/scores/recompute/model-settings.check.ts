import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { runsWorker } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { EventLogFollower } from '../../events/event-log.follower';
import { SCORES_CONSUMER } from '../incremental/value-profile.consumer';
import { ScoresException } from '../scores.exception';
import { recordModelSettings, settingsFingerprint } from './model-settings.store';
import { StartRecompute } from './start-recompute';

// A first start over a log this long is rebuilt by the fast recompute rather than event by event.
const BACKLOG_FOR_RECOMPUTE = 50_000;

/**
 * Half-lives and LTV settings are baked into stored sums, anchors and LTVs.
 * When a worker starts with other settings than the profiles were built with,
 * it queues a full recompute rather than mix two models. So it does on the
 * first start over an existing log (an upgrade): the recompute is far faster
 * than the consumer replaying it.
 */
@Injectable()
export class ModelSettingsCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('ValueModel');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly start: StartRecompute,
    private readonly follower: EventLogFollower,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!runsWorker(this.config)) return;
    const current = settingsFingerprint(this.config.scores);
    const [row] = await this.dataSource.query("SELECT settings FROM value_model WHERE name = 'profiles'");
    if (row?.settings === current) return;
    const [any] = await this.dataSource.query('SELECT subscriber_id FROM value_profiles LIMIT 1');
    if (!any) {
      await recordModelSettings(this.dataSource.manager, this.config.scores);
      const backlog = (await this.follower.head()) - (await this.follower.position(SCORES_CONSUMER));
      if (backlog < BACKLOG_FOR_RECOMPUTE) return;
      this.logger.log(`${backlog} events have no value profiles yet; recomputing them`);
      return this.queue('backlog');
    }
    this.logger.warn(
      `the value settings changed since the profiles were built (${row?.settings ?? 'unknown'} → ${current}); recomputing them`,
    );
    return this.queue('settings');
  }

  private async queue(trigger: 'settings' | 'backlog'): Promise<void> {
    try {
      await this.start.execute(trigger);
    } catch (error) {
      // Another worker queued it first.
      if (!(error instanceof ScoresException)) throw error;
    }
  }
}
