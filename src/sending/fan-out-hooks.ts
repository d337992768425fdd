import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Campaign } from '../campaigns/campaign.entity';
import { execute } from '../common/db/sql-dialect';
import { KindRegistry } from '../kinds/kind-registry';

/**
 * What a campaign kind does when its audience is snapshotted: per-recipient
 * data (a coupon code, a points balance) written in the same transaction as
 * the delivery rows, so it is assigned exactly once even across crashes.
 * The kinds define it (beforeStart, assignKindData); the fan-out asks per page.
 */
@Injectable()
export class FanOutHookRegistry {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly kinds: KindRegistry,
  ) {}

  async beforeStart(campaignId: number): Promise<void> {
    const campaign = await this.dataSource.getRepository(Campaign).findOneBy({ id: campaignId });
    if (!campaign) return;
    const { kind, target } = this.kinds.of(campaign);
    if (kind.beforeStart) await kind.beforeStart(target);
  }

  /** Writes the kind data of one fan-out page, inside the page transaction. */
  async assign(campaign: Campaign, subscriberIds: number[], manager: EntityManager): Promise<void> {
    const { kind, target } = this.kinds.of(campaign);
    if (!kind.assignKindData || subscriberIds.length === 0) return;
    const data = await kind.assignKindData(target, subscriberIds, manager);
    for (const [subscriberId, kindData] of data) {
      await execute(manager, 'UPDATE deliveries SET kind_data = ? WHERE campaign_id = ? AND subscriber_id = ?', [
        JSON.stringify(kindData),
        campaign.id,
        subscriberId,
      ]);
    }
  }
}
