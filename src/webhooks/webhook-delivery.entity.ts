import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, JsonColumn, TimestampColumn } from '../common/db/columns';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'skipped'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * One event for one endpoint: the outbox row written in the transaction that
 * saw the event, then delivered (and retried) by the webhooks queue.
 */
@Entity('webhook_deliveries')
export class WebhookDelivery {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'endpoint_id', type: 'integer' })
  endpointId: number;

  @Column({ type: 'varchar', length: 40 })
  event: string;

  @Column({ name: 'event_id', type: 'integer', nullable: true })
  eventId: number | null;

  @Column({ name: 'source_key', type: 'varchar', length: 120 })
  sourceKey: string;

  @Column({ name: 'subscriber_id', type: 'integer', nullable: true })
  subscriberId: number | null;

  /** The payload's `data`, fixed at creation so every retry sends the same body. */
  @JsonColumn()
  data: Record<string, unknown>;

  @TimestampColumn({ name: 'occurred_at' })
  occurredAt: Date;

  @Column({ type: 'varchar', length: 16 })
  status: WebhookDeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'max_attempts', type: 'integer' })
  maxAttempts: number;

  /** A test ping or a redelivery by hand: goes out even while the endpoint is disabled. */
  @Column({ type: 'boolean', default: false })
  manual: boolean;

  @TimestampColumn({ name: 'next_attempt_at', nullable: true })
  nextAttemptAt: Date | null;

  /** Set once a queue job exists for it; null = still to be enqueued (the outbox relay picks it up). */
  @TimestampColumn({ name: 'queued_at', nullable: true })
  queuedAt: Date | null;

  @Column({ name: 'last_status_code', type: 'integer', nullable: true })
  lastStatusCode: number | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @TimestampColumn({ name: 'completed_at', nullable: true })
  completedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}
