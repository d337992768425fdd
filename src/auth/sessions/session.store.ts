import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { Clock } from '../../common/clock';
import { dbTime, execute } from '../../common/db/sql-dialect';
import { User } from '../users/user.entity';
import { UserSession } from './user-session.entity';

/** A session ends after this long without a request... */
export const SESSION_IDLE_MS = 12 * 3600_000;
/** ...and this long after sign-in, whatever the activity. */
export const SESSION_MAX_MS = 7 * 24 * 3600_000;
// Writing last_seen_at on every request would turn reads into writes.
const TOUCH_RESOLUTION_MS = 60_000;

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export interface NewSession {
  /** Goes into the cookie; only its SHA-256 is stored. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface ActiveSession {
  session: UserSession;
  user: User;
}

/** Browser sessions in the database: created at sign-in, looked up by the guard, ended at sign-out or when the account changes. */
@Injectable()
export class SessionStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(UserSession) private readonly sessions: Repository<UserSession>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly clock: Clock,
  ) {}

  async create(userId: number, meta: { ip?: string | null; userAgent?: string | null }): Promise<NewSession> {
    const now = this.clock.now();
    await this.deleteExpired(now);
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + SESSION_MAX_MS);
    await this.sessions.insert({
      userId,
      tokenHash: sha256(token),
      csrfToken,
      ip: meta.ip?.slice(0, 64) ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      lastSeenAt: now,
      expiresAt,
    });
    return { token, csrfToken, expiresAt };
  }

  /** The session and its user while both are valid; slides the idle expiry. */
  async resolve(token: string): Promise<ActiveSession | null> {
    if (!token || token.length > 100) return null;
    const session = await this.sessions.findOneBy({ tokenHash: sha256(token) });
    if (!session) return null;
    const now = this.clock.now();
    if (
      session.expiresAt.getTime() <= now.getTime() ||
      session.lastSeenAt.getTime() + SESSION_IDLE_MS <= now.getTime()
    ) {
      await this.sessions.delete({ id: session.id });
      return null;
    }
    const user = await this.users.findOneBy({ id: session.userId });
    if (!user || user.disabled) return null;
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_RESOLUTION_MS) {
      await this.sessions.update({ id: session.id }, { lastSeenAt: now });
      session.lastSeenAt = now;
    }
    return { session, user };
  }

  async end(token: string): Promise<void> {
    if (token) await this.sessions.delete({ tokenHash: sha256(token) });
  }

  /** Signs a user out everywhere (disabled, deleted, password reset), or everywhere else (own password change). */
  async endAllFor(userId: number, options: { except?: number; db?: EntityManager } = {}): Promise<number> {
    const db = options.db ?? this.dataSource;
    return options.except === undefined
      ? execute(db, 'DELETE FROM user_sessions WHERE user_id = ?', [userId])
      : execute(db, 'DELETE FROM user_sessions WHERE user_id = ? AND id <> ?', [userId, options.except]);
  }

  /** Ends sessions past their idle or absolute expiry (at each sign-in and by the scheduled pruning). */
  async deleteExpired(now: Date): Promise<number> {
    const ds = this.dataSource;
    return execute(ds, 'DELETE FROM user_sessions WHERE expires_at <= ? OR last_seen_at <= ?', [
      dbTime(ds, now),
      dbTime(ds, new Date(now.getTime() - SESSION_IDLE_MS)),
    ]);
  }
}
