import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Not } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
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
  ) {}

  async unsubscribe(subscriberId: number, request: UnsubscribeRequest): Promise<void> {
    const context = { method: request.method, ip: request.ip, userAgent: request.ua, source: request.source };
    if (request.listId !== undefined) {
      await this.memberships.unsubscribe(request.listId, subscriberId, context);
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
      if (subscriber.email) await this.suppressions.add(emailHash(subscriber.email), 'unsubscribed', request.method, manager);
    });
  }
}
