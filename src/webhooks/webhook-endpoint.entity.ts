import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, JsonColumn, TimestampColumn, UpdatedAtColumn } from '../common/db/columns';

/** A receiver of outgoing webhooks: where to POST, with which secret, for which events. */
@Entity('webhook_endpoints')
export class WebhookEndpoint {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 2000 })
  url: string;

  /** Encrypted at rest (SecretBox, purpose "webhook.secret"); opened to sign each payload. */
  @Column({ type: 'text' })
  secret: string;

  /** The secret before the last rotation, also signed with until previousSecretUntil so receivers can switch without losing a delivery. */
  @Column({ name: 'previous_secret', type: 'text', nullable: true })
  previousSecret: string | null;

  @TimestampColumn({ name: 'previous_secret_until', nullable: true })
  previousSecretUntil: Date | null;

  @Column({ type: 'varchar', length: 500 })
  description: string;

  /** Public event names, or ["*"] for all of them. */
  @JsonColumn()
  events: string[];

  @Column({ name: 'include_machine', type: 'boolean', default: false })
  includeMachine: boolean;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ name: 'disabled_reason', type: 'varchar', length: 500, nullable: true })
  disabledReason: string | null;

  @TimestampColumn({ name: 'disabled_at', nullable: true })
  disabledAt: Date | null;

  @Column({ name: 'consecutive_failures', type: 'integer', default: 0 })
  consecutiveFailures: number;

  @Column({ name: 'start_after_event_id', type: 'integer', default: 0 })
  startAfterEventId: number;

  @TimestampColumn({ name: 'last_success_at', nullable: true })
  lastSuccessAt: Date | null;

  @TimestampColumn({ name: 'last_failure_at', nullable: true })
  lastFailureAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

export function acceptsEvent(endpoint: Pick<WebhookEndpoint, 'events'>, event: string): boolean {
  return endpoint.events.includes('*') || endpoint.events.includes(event);
}
