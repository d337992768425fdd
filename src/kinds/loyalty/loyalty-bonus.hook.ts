import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Campaign } from '../../campaigns/campaign.entity';
import { FanOutHookRegistry, FanOutKindHook } from '../../sending/fan-out-hooks';
import type { LoyaltyContent } from './loyalty.content';
import { PointsLedger } from './points-ledger';

export const bonusKey = (campaignId: number, subscriberId: number): string => `bonus:${campaignId}:${subscriberId}`;

/** At fan-out: credits an at-send bonus (once per recipient, by key) and fixes the balance shown in the mail. */
@Injectable()
export class LoyaltyBonusHook implements FanOutKindHook, OnModuleInit {
  readonly kind = 'loyalty' as const;

  constructor(
    private readonly registry: FanOutHookRegistry,
    private readonly ledger: PointsLedger,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async assign(campaign: Campaign, subscriberIds: number[], manager: EntityManager): Promise<Map<number, Record<string, unknown>>> {
    const content = campaign.content as unknown as LoyaltyContent;
    if (content.bonusMode === 'at_send' && content.bonusPoints > 0) {
      for (const subscriberId of subscriberIds) {
        await this.ledger.earn({ subscriberId, points: content.bonusPoints, reason: `Bonus: ${campaign.name}`, campaignId: campaign.id, idempotencyKey: bonusKey(campaign.id, subscriberId) }, manager);
      }
    }
    const balances = await this.ledger.balances(subscriberIds, manager);
    return new Map(subscriberIds.map((id) => [id, { pointsBalance: balances.get(id) ?? 0, bonusPoints: content.bonusPoints }]));
  }
}
