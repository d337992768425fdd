import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { sql } from '../common/db/sql-dialect';
import { ScoreClassChange, ScoreClassChangeHooks, ScoreClassChangeListener } from '../scores/score-class-change.hooks';
import { acceptsEvent, WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookDeliveryWriter } from './webhook-delivery.writer';
import { WebhookPayloadBuilder } from './webhook-payload.builder';

const EVENT = 'score.class_changed';

/** score.class_changed: written in the score update's own transaction, so a change is announced exactly when it is stored. */
@Injectable()
export class ScoreClassChangeWebhooks implements ScoreClassChangeListener, OnModuleInit {
  constructor(
    private readonly hooks: ScoreClassChangeHooks,
    private readonly payloads: WebhookPayloadBuilder,
    private readonly writer: WebhookDeliveryWriter,
  ) {}

  onModuleInit(): void {
    this.hooks.register(this);
  }

  async onScoreClassChanged(changes: ScoreClassChange[], manager: EntityManager): Promise<void> {
    const endpoints = (await manager.find(WebhookEndpoint, { where: { enabled: true }, order: { id: 'ASC' } })).filter(
      (e) => acceptsEvent(e, EVENT),
    );
    if (endpoints.length === 0 || changes.length === 0) return;
    const campaignOf = await this.campaignsOfEvents(
      manager,
      changes.map((c) => c.eventId),
    );
    const subjects = await this.payloads.subjects(
      manager,
      changes.map((c) => c.subscriberId),
      [...campaignOf.values()].filter((id): id is number => id !== null),
    );
    await this.writer.write(
      manager,
      changes.flatMap((change) => {
        const data = {
          ...this.payloads.common(change.subscriberId, campaignOf.get(change.eventId) ?? null, subjects),
          score: change.score,
          from: change.from,
          to: change.to,
          causedByEventId: change.eventId,
        };
        return endpoints
          .filter((e) => change.eventId > e.startAfterEventId)
          .map((endpoint) => ({
            endpointId: endpoint.id,
            event: EVENT,
            eventId: change.eventId,
            sourceKey: `score:${change.score}:${change.subscriberId}:${change.eventId}`,
            subscriberId: change.subscriberId,
            data,
            occurredAt: change.occurredAt,
          }));
      }),
    );
  }

  private async campaignsOfEvents(manager: EntityManager, eventIds: number[]): Promise<Map<number, number | null>> {
    const unique = [...new Set(eventIds)];
    const result = new Map<number, number | null>();
    for (let i = 0; i < unique.length; i += 500) {
      const slice = unique.slice(i, i + 500);
      const rows: Array<{ id: number | string; campaign_id: number | string | null }> = await manager.query(
        sql(manager.connection, `SELECT id, campaign_id FROM events WHERE id IN (${slice.map(() => '?').join(',')})`),
        slice,
      );
      for (const row of rows) result.set(Number(row.id), row.campaign_id === null ? null : Number(row.campaign_id));
    }
    return result;
  }
}
