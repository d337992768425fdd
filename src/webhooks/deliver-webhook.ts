import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { dbTime, execute } from '../common/db/sql-dialect';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { SecretBox } from '../secrets/secret-box';
import { disableWebhookEndpoint } from './disable-webhook-endpoint';
import { backoffMs } from '../common/backoff';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookHttpClient, WebhookResponse } from './webhook-http.client';
import { AttemptOutcome, judgeAttempt } from './webhook-outcome';
import { webhookBody } from './webhook-payload.builder';
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  signatureHeader,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  WEBHOOK_SECRET_PURPOSE,
} from './webhook-signature';
import { WebhookTargetGuard } from './webhook-target.guard';
import { RetryLater } from './webhooks.queue';

const SUCCESS_STAMP_MS = 5000;

const clip = (text: string | null, max: number) =>
  text === null ? null : text.length > max ? `${text.slice(0, max - 1)}…` : text;

/**
 * One attempt of one delivery: check the target again (SSRF), sign, POST,
 * and record the attempt, the delivery's new state and the endpoint's health
 * together. A retry is handed back to the queue with its delay (RetryLater).
 */
@Injectable()
export class DeliverWebhook {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly guard: WebhookTargetGuard,
    private readonly http: WebhookHttpClient,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
    private readonly box: SecretBox,
  ) {}

  async execute(deliveryId: number): Promise<AttemptOutcome['kind'] | 'skipped' | 'nothing_to_do'> {
    const delivery = await this.dataSource.getRepository(WebhookDelivery).findOneBy({ id: deliveryId });
    if (!delivery || delivery.status !== 'pending') return 'nothing_to_do';
    const endpoint = await this.dataSource.getRepository(WebhookEndpoint).findOneBy({ id: delivery.endpointId });
    if (!endpoint) return 'nothing_to_do';
    if (!endpoint.enabled && !delivery.manual) {
      await execute(
        this.dataSource,
        `UPDATE webhook_deliveries SET status = 'skipped', last_error = ?, completed_at = ? WHERE id = ? AND status = 'pending'`,
        [
          clip(
            `Not sent: the webhook is disabled${endpoint.disabledReason ? ` (${endpoint.disabledReason})` : ''}`,
            500,
          ),
          dbTime(this.dataSource, this.clock.now()),
          delivery.id,
        ],
      );
      return 'skipped';
    }

    const attemptedAt = this.clock.now();
    const { response, address } = await this.post(endpoint, delivery, attemptedAt);
    const attemptsMade = delivery.attempts + 1;
    const outcome = judgeAttempt(response, attemptsMade, delivery.maxAttempts);
    const delayMs =
      outcome.kind === 'retry'
        ? backoffMs({ baseMs: this.config.webhooks.retryBaseMs, growth: 4, ceilingMs: 12 * 3_600_000 }, attemptsMade)
        : 0;
    await this.dataSource.transaction(async (tx) => {
      await execute(
        tx,
        'INSERT INTO webhook_attempts (delivery_id, attempted_at, address, status_code, duration_ms, error, response_excerpt) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [
          delivery.id,
          dbTime(this.dataSource, attemptedAt),
          address,
          response.statusCode,
          response.durationMs,
          clip(outcome.kind === 'delivered' ? null : outcome.error, 500),
          response.responseExcerpt,
        ],
      );
      await this.recordDelivery(tx, delivery, outcome, response, attemptedAt, delayMs);
      await this.recordEndpointHealth(tx, endpoint, outcome, attemptedAt);
    });
    if (outcome.kind === 'retry') throw new RetryLater(delayMs, outcome.error);
    return outcome.kind;
  }

  private async post(
    endpoint: WebhookEndpoint,
    delivery: WebhookDelivery,
    at: Date,
  ): Promise<{ response: WebhookResponse; address: string | null }> {
    const target = await this.guard.check(endpoint.url);
    if (!target.ok) {
      return {
        response: {
          statusCode: null,
          durationMs: 0,
          error: `Refused: ${target.message}`,
          responseExcerpt: null,
          location: null,
        },
        address: null,
      };
    }
    const body = webhookBody(delivery);
    const timestamp = Math.floor(at.getTime() / 1000);
    const response = await this.http.post({
      url: target.url,
      address: target.address,
      body,
      timeoutMs: this.config.webhooks.timeoutMs,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'valuemail-webhooks/1',
        [EVENT_HEADER]: delivery.event,
        [DELIVERY_HEADER]: String(delivery.id),
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signatureHeader(this.signingSecrets(endpoint, at), timestamp, body),
      },
    });
    return { response, address: target.address.address };
  }

  /** The current secret, and the previous one while its overlap window after a rotation lasts. */
  private signingSecrets(endpoint: WebhookEndpoint, at: Date): string[] {
    const secrets = [this.box.open(endpoint.secret, WEBHOOK_SECRET_PURPOSE)];
    if (endpoint.previousSecret && endpoint.previousSecretUntil && endpoint.previousSecretUntil > at) {
      secrets.push(this.box.open(endpoint.previousSecret, WEBHOOK_SECRET_PURPOSE));
    }
    return secrets;
  }

  private async recordDelivery(
    tx: EntityManager,
    delivery: WebhookDelivery,
    outcome: AttemptOutcome,
    response: WebhookResponse,
    at: Date,
    delayMs: number,
  ): Promise<void> {
    const ds = this.dataSource;
    const status = outcome.kind === 'retry' ? 'pending' : outcome.kind === 'delivered' ? 'delivered' : 'failed';
    const nextAttemptAt = outcome.kind === 'retry' ? dbTime(ds, new Date(at.getTime() + delayMs)) : null;
    const completedAt = outcome.kind === 'retry' ? null : dbTime(ds, at);
    await execute(
      tx,
      `UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, last_status_code = ?, last_error = ?, next_attempt_at = ?, completed_at = ? WHERE id = ?`,
      [
        status,
        response.statusCode,
        clip(outcome.kind === 'delivered' ? null : outcome.error, 500),
        nextAttemptAt,
        completedAt,
        delivery.id,
      ],
    );
  }

  private async recordEndpointHealth(
    tx: EntityManager,
    endpoint: WebhookEndpoint,
    outcome: AttemptOutcome,
    at: Date,
  ): Promise<void> {
    const ds = this.dataSource;
    const now = dbTime(ds, at);
    switch (outcome.kind) {
      case 'delivered':
        // Written at most every few seconds while all is well: concurrent deliveries would otherwise queue on this one row.
        await execute(
          tx,
          'UPDATE webhook_endpoints SET consecutive_failures = 0, last_success_at = ? WHERE id = ? AND (consecutive_failures <> 0 OR last_success_at IS NULL OR last_success_at < ?)',
          [now, endpoint.id, dbTime(ds, new Date(at.getTime() - SUCCESS_STAMP_MS))],
        );
        return;
      case 'retry':
        await execute(tx, 'UPDATE webhook_endpoints SET last_failure_at = ? WHERE id = ?', [now, endpoint.id]);
        return;
      case 'gone':
        await execute(
          tx,
          'UPDATE webhook_endpoints SET consecutive_failures = consecutive_failures + 1, last_failure_at = ? WHERE id = ?',
          [now, endpoint.id],
        );
        await disableWebhookEndpoint(
          tx,
          endpoint.id,
          `The receiver answered 410 Gone on ${at.toISOString()}: it asked us to stop sending.`,
          at,
        );
        return;
      case 'failed': {
        const limit = this.config.webhooks.disableAfterFailures;
        await execute(
          tx,
          'UPDATE webhook_endpoints SET consecutive_failures = consecutive_failures + 1, last_failure_at = ? WHERE id = ?',
          [now, endpoint.id],
        );
        await disableWebhookEndpoint(
          tx,
          endpoint.id,
          `Disabled after ${limit} deliveries in a row failed (the last: ${clip(outcome.error, 300)}).`,
          at,
          limit,
        );
        return;
      }
      default: {
        const unreachable: never = outcome;
        throw new Error(`unhandled webhook outcome ${JSON.stringify(unreachable)}`);
      }
    }
  }
}
