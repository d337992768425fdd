import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ValueDimensionsDto } from './dashboard.dto';

export const PROFILES_TABLE = 'value_profiles';

export const NO_PROFILES_REASON =
  'Value scores are not computed on this installation yet: the averages appear once subscriber value profiles exist.';

/**
 * Average value dimensions across active subscribers, read from the stored
 * value profiles. Deriving them from the raw event log instead would decay and
 * sum every human event of the last 90 days per subscriber on each call (millions
 * of rows at 10M events), so without profiles the answer is null with a reason.
 */
@Injectable()
export class ValueDimensions {
  private profilesExist = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(activeSubscribers: number): Promise<ValueDimensionsDto> {
    if (!(await this.hasProfiles())) return { source: null, reason: NO_PROFILES_REASON, subscribers: activeSubscribers, averages: null };
    // Wired to value_profiles when the scores module lands (see src/scores).
    return { source: null, reason: NO_PROFILES_REASON, subscribers: activeSubscribers, averages: null };
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
