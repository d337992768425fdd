import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '../../common/db/columns';

@Entity('user_sessions')
export class UserSession {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_user_sessions_user')
  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  /** SHA-256 of the cookie's token, hex; the token itself is never stored. */
  @Index('uq_user_sessions_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  /** Synchronizer token the web app echoes in X-CSRF-Token on writes. */
  @Column({ name: 'csrf_token', type: 'varchar', length: 64 })
  csrfToken: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 300, nullable: true })
  userAgent: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @TimestampColumn({ name: 'last_seen_at' })
  lastSeenAt: Date;

  /** Absolute end, whatever the activity. */
  @TimestampColumn({ name: 'expires_at' })
  expiresAt: Date;
}
