import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { sql } from '../common/db/sql-dialect';
import type { LoggedEvent } from '../events/event-log.follower';
import { MACHINE_FLAGGABLE, WebhookEventName } from './webhook-events';

export interface SubscriberRef {
  id: number;
  /** Null once the subscriber is erased: payloads carry no personal data then. */
  email: string | null;
  externalId: string | null;
}

export interface CampaignRef {
  id: number;
  name: string;
  kind: string;
}

export interface PayloadSubjects {
  subscribers: Map<number, SubscriberRef>;
  campaigns: Map<number, CampaignRef>;
}

const CHUNK = 500;

/** The body every receiver gets: `id` is the delivery's, the same on every retry, so receivers can deduplicate. */
export function webhookBody(delivery: {
  id: number;
  event: string;
  occurredAt: Date;
  data: Record<string, unknown>;
}): string {
  return JSON.stringify({
    id: delivery.id,
    type: delivery.event,
    occurredAt: delivery.occurredAt.toISOString(),
    data: delivery.data,
  });
}

/** The `data` of a payload whose subscriber was erased: ids only. */
export function erasedData(data: Record<string, unknown>, subscriberId: number): Record<string, unknown> {
  return {
    subscriber: { id: subscriberId, email: null, externalId: null, erased: true },
    campaign: data.campaign ?? null,
  };
}

/** Builds payload `data`: who, which campaign, and what the event itself says. */
@Injectable()
export class WebhookPayloadBuilder {
  /** Looks up the subscribers and campaigns a batch of events names, a few queries per batch. */
  async subjects(
    manager: EntityManager,
    subscriberIds: Iterable<number>,
    campaignIds: Iterable<number>,
  ): Promise<PayloadSubjects> {
    const ds = manager.connection;
    const subscribers = new Map<number, SubscriberRef>();
    const campaigns = new Map<number, CampaignRef>();
    const each = async (
      ids: Iterable<number>,
      query: (placeholders: string) => string,
      take: (row: Record<string, unknown>) => void,
    ) => {
      const all = [...new Set(ids)];
      for (let i = 0; i < all.length; i += CHUNK) {
        const slice = all.slice(i, i + CHUNK);
        const rows: Array<Record<string, unknown>> = await manager.query(
          sql(ds, query(slice.map(() => '?').join(','))),
          slice,
        );
        rows.forEach(take);
      }
    };
    await each(
      subscriberIds,
      (p) => `SELECT id, email, external_id, erased_at FROM subscribers WHERE id IN (${p})`,
      (r) => {
        const erased = r.erased_at != null;
        subscribers.set(Number(r.id), {
          id: Number(r.id),
          email: erased ? null : ((r.email as string | null) ?? null),
          externalId: erased ? null : ((r.external_id as string | null) ?? null),
        });
      },
    );
    await each(
      campaignIds,
      (p) => `SELECT id, name, kind FROM campaigns WHERE id IN (${p})`,
      (r) => {
        campaigns.set(Number(r.id), { id: Number(r.id), name: String(r.name), kind: String(r.kind) });
      },
    );
    return { subscribers, campaigns };
  }

  forEvent(
    event: LoggedEvent,
    name: WebhookEventName,
    subjects: PayloadSubjects,
    machineReason: string | null,
  ): Record<string, unknown> {
    const { subscriber: _subscriber, campaign: _campaign, ...specifics } = event.data;
    if (event.deliveryId !== null) specifics.deliveryId = event.deliveryId;
    if (MACHINE_FLAGGABLE.has(name)) {
      specifics.machine = event.machine;
      if (event.machine) specifics.machineReason = machineReason;
    }
    return { ...this.common(event.subscriberId, event.campaignId, subjects), ...specifics };
  }

  common(
    subscriberId: number | null,
    campaignId: number | null,
    subjects: PayloadSubjects,
  ): { subscriber: SubscriberRef | null; campaign: CampaignRef | null } {
    const subscriber =
      subscriberId === null
        ? null
        : (subjects.subscribers.get(subscriberId) ?? { id: subscriberId, email: null, externalId: null });
    const campaign = campaignId === null ? null : (subjects.campaigns.get(campaignId) ?? null);
    return { subscriber, campaign };
  }
}
