import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UpdatedAtColumn } from '../../common/db/columns';
import type { Role, UserLocale } from '../roles';

/** A person who signs in to the web app (machines use API keys). */
@Entity('users')
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  /** Lower-cased (see normaliseUserEmail): sign-in is case-insensitive. */
  @Index('uq_users_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** argon2id, PHC string (parameters included, so they can be raised later). */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ type: 'varchar', length: 8, default: 'en' })
  locale: UserLocale;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  @TimestampColumn({ name: 'last_login_at', nullable: true })
  lastLoginAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
