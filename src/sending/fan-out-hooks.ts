import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Campaign } from '../campaigns/campaign.entity';
import type { CampaignKind } from '../campaigns/campaign-kind';
import { execute } from '../common/db/sql-dialect';

/**
 * What a campaign kind does when its audience is snapshotted: per-recipient
 * data (a coupon code, a points balance) written in the same transaction as
 * the delivery rows, so it is assigned exactly once even across crashes.
 */
export interface FanOutKindHook {
  kind: CampaignKind;
  /** Refuses a start up front (throw a DomainException), e.g. a code pattern too small for the audience. */
  beforeStart?(campaign: Campaign): Promise<void>;
  /** kind_data per subscriber id of this page; runs inside the page transaction. */
  assign(campaign: Campaign, subscriberIds: number[], manager: EntityManager): Promise<Map<number, Record<string, unknown>>>;
}

/** Kind modules register their hook at init; the fan-out asks it per page. */
@Injectable()
export class FanOutHookRegistry {
  private readonly hooks = new Map<CampaignKind, FanOutKindHook>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  register(hook: FanOutKindHook): void {
    if (this.hooks.has(hook.kind)) throw new Error(`A fan-out hook for kind "${hook.kind}" is already registered`);
    this.hooks.set(hook.kind, hook);
  }

  async beforeStart(campaignId: number): Promise<void> {
    const campaign = await this.dataSource.getRepository(Campaign).findOneBy({ id: campaignId });
    const hook = campaign ? this.hooks.get(campaign.kind) : undefined;
    if (campaign && hook?.beforeStart) await hook.beforeStart(campaign);
  }

  /** Writes the kind data of one fan-out page, inside the page transaction. */
  async assign(campaign: Campaign, subscriberIds: number[], manager: EntityManager): Promise<void> {
    const hook = this.hooks.get(campaign.kind);
    if (!hook || subscriberIds.length === 0) return;
    const data = await hook.assign(campaign, subscriberIds, manager);
    for (const [subscriberId, kindData] of data) {
      await execute(manager, 'UPDATE deliveries SET kind_data = ? WHERE campaign_id = ? AND subscriber_id = ?', [JSON.stringify(kindData), campaign.id, subscriberId]);
    }
  }
}
