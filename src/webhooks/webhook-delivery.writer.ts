import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { WebhookDelivery } from './webhook-delivery.entity';
import type { DeliveredEventName } from './webhook-events';
import { WebhookOutbox } from './webhook-outbox';

export interface NewWebhookDelivery {
  endpointId: number;
  event: DeliveredEventName;
  eventId: number | null;
  /** One delivery per endpoint and source: writing the same source again is a no-op. */
  sourceKey: string;
  subscriberId: number | null;
  data: Record<string, unknown>;
  occurredAt: Date;
  manual?: boolean;
}

const SLICE = 100;

/** Writes outbox rows inside the caller's transaction; their jobs are created after it commits. */
@Injectable()
export class WebhookDeliveryWriter {
  constructor(
    private readonly outbox: WebhookOutbox,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async write(manager: EntityManager, deliveries: NewWebhookDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    for (let i = 0; i < deliveries.length; i += SLICE) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(WebhookDelivery)
        .values(
          deliveries.slice(i, i + SLICE).map((d) => ({
            endpointId: d.endpointId,
            event: d.event,
            eventId: d.eventId,
            sourceKey: d.sourceKey,
            subscriberId: d.subscriberId,
            data: d.data as WebhookDelivery['data'] & object,
            occurredAt: d.occurredAt,
            status: 'pending' as const,
            attempts: 0,
            maxAttempts: d.manual ? 1 : this.config.webhooks.maxAttempts,
            manual: d.manual ?? false,
          })),
        )
        .orIgnore()
        .updateEntity(false)
        .execute();
    }
    this.outbox.enqueueAfterCommit(manager);
  }
}
