import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Campaign } from '../../campaigns/campaign.entity';
import type { LoyaltyContent } from './loyalty.content';
import { PointsLedger } from './points-ledger';

export const bonusKey = (campaignId: number, subscriberId: number): string => `bonus:${campaignId}:${subscriberId}`;

/** At fan-out: credits an at-send bonus (once per recipient, by key) and fixes the balance shown in the mail. */
@Injectable()
export class LoyaltyBonusHook {
  constructor(private readonly ledger: PointsLedger) {}

  async assign(
    campaign: Campaign,
    content: LoyaltyContent,
    subscriberIds: number[],
    manager: EntityManager,
  ): Promise<Map<number, Record<string, unknown>>> {
    if (content.bonusMode === 'at_send' && content.bonusPoints > 0) {
      for (const subscriberId of subscriberIds) {
        await this.ledger.earn(
          {
            subscriberId,
            points: content.bonusPoints,
            reason: `Bonus: ${campaign.name}`,
            campaignId: campaign.id,
            idempotencyKey: bonusKey(campaign.id, subscriberId),
          },
          manager,
        );
      }
    }
    const balances = await this.ledger.balances(subscriberIds, manager);
    return new Map(
      subscriberIds.map((id) => [id, { pointsBalance: balances.get(id) ?? 0, bonusPoints: content.bonusPoints }]),
    );
  }
}
