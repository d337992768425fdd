import { Injectable, OnModuleInit } from '@nestjs/common';
import { ActExecutor, ActExecutors } from '../../acts/act-executors';
import type { PendingAct } from '../../acts/pending-act';
import { EventWriter } from '../../events/event-writer';
import { KindRecipientResolver } from '../common/kind-recipient';
import { bonusKey } from './loyalty-bonus.hook';
import { PointsLedger } from './points-ledger';

/** A person's one click on "collect my bonus": credited once, at the time of the click. */
@Injectable()
export class LoyaltyActExecutor implements ActExecutor, OnModuleInit {
  readonly kind = 'loyalty' as const;
  readonly eventType = 'bonus_collected' as const;

  constructor(
    private readonly executors: ActExecutors,
    private readonly recipients: KindRecipientResolver,
    private readonly ledger: PointsLedger,
    private readonly events: EventWriter,
  ) {}

  onModuleInit(): void {
    this.executors.register(this);
  }

  async execute(act: PendingAct): Promise<void> {
    const { campaign, content } = await this.recipients.campaignOf(act.claims.campaignId, 'loyalty');
    if (content.bonusMode !== 'on_click' || content.bonusPoints <= 0) return;
    const key = bonusKey(campaign.id, act.claims.subscriberId);
    const added = await this.ledger.earn({
      subscriberId: act.claims.subscriberId,
      points: content.bonusPoints,
      reason: `Bonus: ${campaign.name}`,
      campaignId: campaign.id,
      idempotencyKey: key,
    });
    if (added)
      await this.events.record({
        type: 'bonus_collected',
        ...act.claims,
        occurredAt: act.occurredAt,
        data: { points: content.bonusPoints },
        dedupeKey: key,
      });
  }
}
