import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { Clock } from '../common/clock';
import { dbBool, execute } from '../common/db/sql-dialect';
import {
  ListWebhookDeliveriesQuery,
  WebhookAttemptDto,
  WebhookDeliveryDetailDto,
  WebhookDeliveryDto,
  WebhookDeliveryPageDto,
} from './dto/webhook-delivery.dto';
import { WebhookAttempt } from './webhook-attempt.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookDeliveryWriter } from './webhook-delivery.writer';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { PING_EVENT } from './webhook-events';
import { WebhookOutbox } from './webhook-outbox';
import { webhookBody } from './webhook-payload.builder';
import { WebhookException } from './webhook.exception';

function toDto(d: WebhookDelivery, attempts: WebhookAttempt[]): WebhookDeliveryDto {
  return {
    id: d.id,
    webhookId: d.endpointId,
    event: d.event,
    eventId: d.eventId,
    status: d.status,
    attempts: d.attempts,
    maxAttempts: d.maxAttempts,
    manual: d.manual,
    occurredAt: d.occurredAt,
    createdAt: d.createdAt,
    nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt : null,
    completedAt: d.completedAt,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    attemptLog: attempts.map((a): WebhookAttemptDto => ({
      at: a.attemptedAt,
      address: a.address,
      statusCode: a.statusCode,
      durationMs: a.durationMs,
      error: a.error,
      responseExcerpt: a.responseExcerpt,
    })),
  };
}

/** The delivery log of an endpoint, a test ping and redelivery by hand. */
@Injectable()
export class WebhookDeliveryLog {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly endpoints: WebhookEndpointsService,
    private readonly writer: WebhookDeliveryWriter,
    private readonly outbox: WebhookOutbox,
    private readonly clock: Clock,
  ) {}

  async list(endpointId: number, query: ListWebhookDeliveriesQuery): Promise<WebhookDeliveryPageDto> {
    await this.endpoints.get(endpointId);
    const page = query.page ?? 1;
    const limit = query.limit ?? 50;
    const where = { endpointId, ...(query.status ? { status: query.status } : {}) };
    const [rows, total] = await this.dataSource
      .getRepository(WebhookDelivery)
      .findAndCount({ where, order: { id: 'DESC' }, skip: (page - 1) * limit, take: limit });
    const attempts = await this.attemptsOf(rows.map((r) => r.id));
    return { items: rows.map((r) => toDto(r, attempts.get(r.id) ?? [])), total, page, limit };
  }

  async get(id: number): Promise<WebhookDeliveryDetailDto> {
    const delivery = await this.find(id);
    const attempts = await this.attemptsOf([id]);
    return {
      ...toDto(delivery, attempts.get(id) ?? []),
      payload: JSON.parse(webhookBody(delivery)) as Record<string, unknown>,
    };
  }

  /** Sends a `ping` now, whatever the event filter and even while the endpoint is disabled. */
  async sendTest(endpointId: number): Promise<WebhookDeliveryDetailDto> {
    const endpoint = await this.endpoints.get(endpointId);
    const sourceKey = `ping:${randomUUID()}`;
    const now = this.clock.now();
    await this.dataSource.transaction((tx) =>
      this.writer.write(tx, [
        {
          endpointId,
          event: PING_EVENT,
          eventId: null,
          sourceKey,
          subscriberId: null,
          manual: true,
          occurredAt: now,
          data: {
            webhook: { id: endpoint.id, name: endpoint.name },
            message: 'A test from valuemail: this endpoint receives our webhooks.',
          },
        },
      ]),
    );
    const created = await this.dataSource.getRepository(WebhookDelivery).findOneByOrFail({ endpointId, sourceKey });
    return this.get(created.id);
  }

  /** One more attempt of a finished delivery, by hand (also while the endpoint is disabled). */
  async retry(id: number): Promise<WebhookDeliveryDetailDto> {
    const delivery = await this.find(id);
    if (delivery.status === 'pending') {
      throw new WebhookException(
        'already_pending',
        `Delivery ${id} is still being delivered (attempt ${delivery.attempts + 1} of ${delivery.maxAttempts}); wait for it to finish`,
        409,
      );
    }
    // The finished job must go first, or the new one (same id) would be taken for a duplicate.
    await this.outbox.forgetJob(id);
    const ds = this.dataSource;
    const reopened = await execute(
      ds,
      `UPDATE webhook_deliveries SET status = 'pending', manual = ?, max_attempts = attempts + 1, queued_at = NULL, next_attempt_at = NULL, completed_at = NULL
      WHERE id = ? AND status <> 'pending'`,
      [dbBool(ds, true), id],
    );
    if (reopened === 1) await this.outbox.flush();
    return this.get(id);
  }

  private async find(id: number): Promise<WebhookDelivery> {
    const delivery = await this.dataSource.getRepository(WebhookDelivery).findOneBy({ id });
    if (!delivery) throw WebhookException.notFound('Webhook delivery', id);
    return delivery;
  }

  private async attemptsOf(deliveryIds: number[]): Promise<Map<number, WebhookAttempt[]>> {
    const byDelivery = new Map<number, WebhookAttempt[]>();
    if (deliveryIds.length === 0) return byDelivery;
    const attempts = await this.dataSource
      .getRepository(WebhookAttempt)
      .find({ where: { deliveryId: In(deliveryIds) }, order: { id: 'ASC' } });
    for (const attempt of attempts)
      byDelivery.set(attempt.deliveryId, [...(byDelivery.get(attempt.deliveryId) ?? []), attempt]);
    return byDelivery;
  }
}
