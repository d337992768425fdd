import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { runsWorker } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { ScoresException } from '../scores.exception';
import { recordModelSettings, settingsFingerprint } from './model-settings.store';
import { StartRecompute } from './start-recompute';

/**
 * Half-lives and LTV settings are baked into stored sums, anchors and LTVs.
 * When a worker starts with other settings than the profiles were built with,
 * it queues a full recompute rather than mix two models.
 */
@Injectable()
export class ModelSettingsCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('ValueModel');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly start: StartRecompute,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!runsWorker(this.config)) return;
    const current = settingsFingerprint(this.config.scores);
    const [row] = await this.dataSource.query("SELECT settings FROM value_model WHERE name = 'profiles'");
    if (row?.settings === current) return;
    const [any] = await this.dataSource.query('SELECT subscriber_id FROM value_profiles LIMIT 1');
    if (!any) {
      await recordModelSettings(this.dataSource.manager, this.config.scores);
      return;
    }
    this.logger.warn(`the value settings changed since the profiles were built (${row?.settings ?? 'unknown'} → ${current}); recomputing them`);
    try {
      await this.start.execute('settings');
    } catch (error) {
      if (!(error instanceof ScoresException)) throw error;
    }
  }
}
