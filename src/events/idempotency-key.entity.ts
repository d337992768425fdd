import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../common/db/columns';

/** The answer given to one Idempotency-Key, replayed for a retry of the same request. */
@Entity('idempotency_keys')
@Index('uq_idempotency_scope_key', ['scope', 'key'], { unique: true })
export class IdempotencyKey {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 32 })
  scope: string;

  @Column({ type: 'varchar', length: 200 })
  key: string;

  /** SHA-256 of the request body: the same key with another body is refused. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ name: 'status_code', type: 'integer' })
  statusCode: number;

  @Column({ type: 'text' })
  response: string;

  @CreatedAtColumn()
  createdAt: Date;
}
