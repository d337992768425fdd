import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../common/db/columns';

/** One HTTP request of a delivery, for the delivery log. */
@Entity('webhook_attempts')
export class WebhookAttempt {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'delivery_id', type: 'integer' })
  deliveryId: number;

  @TimestampColumn({ name: 'attempted_at' })
  attemptedAt: Date;

  /** The IP actually connected to (after the SSRF check). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  address: string | null;

  @Column({ name: 'status_code', type: 'integer', nullable: true })
  statusCode: number | null;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;

  @Column({ name: 'response_excerpt', type: 'text', nullable: true })
  responseExcerpt: string | null;
}
