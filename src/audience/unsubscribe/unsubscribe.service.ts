import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, Not } from 'typeorm';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { EventWriter } from '../../events/event-writer';
import { ConsentMethod } from '../consent/consent-record.entity';
import { ConsentService } from '../consent/consent.service';
import { emailHash } from '../email-address';
import { ListMembership } from '../list-membership.entity';
import { MembershipsService } from '../lists/memberships.service';
import { Subscriber } from '../subscriber.entity';
import { SuppressionsService } from '../subscribers/suppressions.service';

export interface UnsubscribeRequest {
  /** One list; without it, every list and all future mail. */
  listId?: number;
  method: ConsentMethod;
  ip?: string | null;
  ua?: string | null;
  /** e.g. the campaign or bounce that led here. */
  source?: string | null;
  /** The message whose link or address was used, for the `unsubscribe` event. */
  campaignId?: number | null;
  deliveryId?: number | null;
}

/**
 * The public unsubscribe/preferences URL for a per-message token from
 * LinkTokenService.sign; `listId` (the list the message went to) makes
 * one-click leave only that list.
 */
export function unsubscribeUrl(config: AppConfig, token: string, listId?: number): string {
  return `${config.publicUrl}/u/${token}${listId ? `?list=${listId}` : ''}`;
}

/** The consent-record `source` of an unsubscribe from a campaign's mail, by channel: campaign reports count by it. */
export function campaignUnsubscribeSource(campaignId: number, channel: 'link' | 'mailto'): string {
  return channel === 'link' ? `campaign:${campaignId}` : `campaign ${campaignId} (mailto)`;
}

/** The one way to unsubscribe (links, one-click, campaign sender, bounce handler). Idempotent. */
@Injectable()
export class UnsubscribeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly memberships: MembershipsService,
    private readonly suppressions: SuppressionsService,
    private readonly consent: ConsentService,
    private readonly events: EventWriter,
    private readonly clock: Clock,
  ) {}

  async unsubscribe(subscriberId: number, request: UnsubscribeRequest): Promise<void> {
    const context = { method: request.method, ip: request.ip, userAgent: request.ua, source: request.source };
    const listId = request.listId;
    if (listId !== undefined) {
      await this.dataSource.transaction(async (manager) => {
        if (await this.memberships.unsubscribe(listId, subscriberId, context, manager))
          await this.record(manager, subscriberId, request, 'list', [listId]);
      });
      return;
    }
    await this.dataSource.transaction(async (manager) => {
      const subscriber = await manager.findOne(Subscriber, { where: { id: subscriberId } });
      if (!subscriber) return;
      const current = await manager.find(ListMembership, { where: { subscriberId, status: Not('unsubscribed') } });
      for (const m of current) await this.memberships.unsubscribe(m.listId, subscriberId, context, manager);
      if (subscriber.status !== 'unsubscribed') {
        await manager.update(Subscriber, { id: subscriberId }, { status: 'unsubscribed' });
        if (!current.length) await this.consent.record(subscriberId, null, 'unsubscribe', context, manager);
      }
      if (subscriber.email)
        await this.suppressions.add(emailHash(subscriber.email), 'unsubscribed', request.method, manager);
      if (current.length || subscriber.status !== 'unsubscribed')
        await this.record(
          manager,
          subscriberId,
          request,
          'all',
          current.map((m) => m.listId),
        );
    });
  }

  /** One `unsubscribe` event per change (a repeated click changes nothing and records nothing). */
  private async record(
    manager: EntityManager,
    subscriberId: number,
    request: UnsubscribeRequest,
    scope: 'list' | 'all',
    listIds: number[],
  ): Promise<void> {
    await this.events.record(
      {
        type: 'unsubscribe',
        subscriberId,
        campaignId: request.campaignId ?? null,
        deliveryId: request.deliveryId ?? null,
        occurredAt: this.clock.now(),
        data: { scope, listIds, method: request.method },
      },
      manager,
    );
  }
}
