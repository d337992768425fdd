import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { sql } from '../common/db/sql-dialect';
import { EventLogConsumer, EventLogFollower, LoggedEvent } from '../events/event-log.follower';
import { acceptsEvent, WebhookEndpoint } from './webhook-endpoint.entity';
import { NewWebhookDelivery, WebhookDeliveryWriter } from './webhook-delivery.writer';
import { publicEventName, WebhookEventName } from './webhook-events';
import { WebhookPayloadBuilder } from './webhook-payload.builder';

/**
 * Turns the event log into webhook deliveries. Runs in the follower's
 * transaction, so each (endpoint, event) row is written exactly once with the
 * cursor move; the queue jobs follow the commit (at least once, deduplicated by job id).
 */
@Injectable()
export class WebhookEventConsumer implements EventLogConsumer, OnModuleInit {
  readonly name = 'webhooks';

  constructor(
    private readonly follower: EventLogFollower,
    private readonly payloads: WebhookPayloadBuilder,
    private readonly writer: WebhookDeliveryWriter,
  ) {}

  onModuleInit(): void {
    this.follower.register(this);
  }

  async handle(events: LoggedEvent[], manager: EntityManager): Promise<void> {
    const endpoints = await manager.find(WebhookEndpoint, { where: { enabled: true }, order: { id: 'ASC' } });
    if (endpoints.length === 0) return;
    const matches: Array<{ event: LoggedEvent; name: WebhookEventName; endpoint: WebhookEndpoint }> = [];
    for (const event of events) {
      const name = publicEventName(event.type);
      if (!name) continue;
      for (const endpoint of endpoints) {
        // A new (or re-enabled) endpoint starts at the end of the log: no history.
        if (event.id <= endpoint.startAfterEventId || !acceptsEvent(endpoint, name)) continue;
        if (event.machine && !endpoint.includeMachine) continue;
        matches.push({ event, name, endpoint });
      }
    }
    if (matches.length === 0) return;
    const subjects = await this.payloads.subjects(
      manager,
      matches.flatMap((m) => (m.event.subscriberId === null ? [] : [m.event.subscriberId])),
      matches.flatMap((m) => (m.event.campaignId === null ? [] : [m.event.campaignId])),
    );
    const reasons = await this.machineReasons(
      manager,
      matches.filter((m) => m.event.machine).map((m) => m.event.id),
    );
    const data = new Map<number, Record<string, unknown>>();
    const deliveries: NewWebhookDelivery[] = matches.map(({ event, name, endpoint }) => {
      if (!data.has(event.id))
        data.set(event.id, this.payloads.forEvent(event, name, subjects, reasons.get(event.id) ?? null));
      return {
        endpointId: endpoint.id,
        event: name,
        eventId: event.id,
        sourceKey: `event:${event.id}`,
        subscriberId: event.subscriberId,
        data: data.get(event.id)!,
        occurredAt: new Date(event.occurredAt),
      };
    });
    await this.writer.write(manager, deliveries);
  }

  private async machineReasons(manager: EntityManager, ids: number[]): Promise<Map<number, string | null>> {
    const reasons = new Map<number, string | null>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 500) {
      const slice = unique.slice(i, i + 500);
      const rows: Array<{ id: number | string; machine_reason: string | null }> = await manager.query(
        sql(
          manager.connection,
          `SELECT id, machine_reason FROM events WHERE id IN (${slice.map(() => '?').join(',')})`,
        ),
        slice,
      );
      for (const row of rows) reasons.set(Number(row.id), row.machine_reason);
    }
    return reasons;
  }
}
