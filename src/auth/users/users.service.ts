import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { dbBool, isPostgres, sql } from '../../common/db/sql-dialect';
import { NotFoundException } from '../../common/domain.exception';
import { AuthException } from '../auth.exception';
import type { Role, UserLocale } from '../roles';
import { SessionStore } from '../sessions/session.store';
import { PasswordHasher } from './password-hasher';
import { User } from './user.entity';
import { normaliseUserEmail } from './user-email';
import { UserView, userView } from './user.view';

export interface NewUser {
  email: string;
  name?: string;
  role: Role;
  locale?: UserLocale;
  password?: string;
}

export interface UserChanges {
  name?: string;
  role?: Role;
  locale?: UserLocale;
  disabled?: boolean;
  password?: string;
}

/** User accounts for the web app; the last enabled admin can be neither demoted, disabled nor removed. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly sessions: SessionStore,
    private readonly passwords: PasswordHasher,
  ) {}

  async list(): Promise<UserView[]> {
    return (await this.users.find({ order: { id: 'ASC' } })).map(userView);
  }

  async get(id: number): Promise<UserView> {
    return userView(await this.find(id));
  }

  findByEmail(email: string): Promise<User | null> {
    const normalised = normaliseUserEmail(email);
    return normalised ? this.users.findOneBy({ email: normalised }) : Promise.resolve(null);
  }

  count(): Promise<number> {
    return this.users.count();
  }

  async create(input: NewUser): Promise<{ user: UserView; generatedPassword?: string }> {
    const email = normaliseUserEmail(input.email);
    if (!email) throw new AuthException('invalid_email', `"${input.email}" is not an email address`, 400);
    if (await this.users.existsBy({ email }))
      throw new AuthException('email_taken', `There is already a user with the email ${email}`, 409);
    const generatedPassword = input.password ? undefined : this.passwords.generate();
    const passwordHash = await this.passwords.hash(input.password ?? generatedPassword!);
    const saved = await this.users.save(
      this.users.create({
        email,
        name: input.name?.trim() || email.slice(0, email.indexOf('@')),
        role: input.role,
        locale: input.locale ?? 'en',
        passwordHash,
        disabled: false,
      }),
    );
    return { user: userView(saved), ...(generatedPassword ? { generatedPassword } : {}) };
  }

  async update(id: number, changes: UserChanges): Promise<UserView> {
    const passwordHash = changes.password ? await this.passwords.hash(changes.password) : undefined;
    const updated = await this.dataSource.transaction(async (tx) => {
      const user = await this.find(id, tx);
      const staysAdmin = (changes.role ?? user.role) === 'admin' && !(changes.disabled ?? user.disabled);
      if (user.role === 'admin' && !user.disabled && !staysAdmin) {
        await this.assertAnotherAdmin(tx, user, changes.disabled ? 'disable' : 'demote');
      }
      if (changes.name !== undefined) user.name = changes.name.trim() || user.name;
      if (changes.role !== undefined) user.role = changes.role;
      if (changes.locale !== undefined) user.locale = changes.locale;
      if (changes.disabled !== undefined) user.disabled = changes.disabled;
      if (passwordHash) user.passwordHash = passwordHash;
      const saved = await tx.save(user);
      // A disabled account or a reset password must not leave a session open somewhere.
      if (changes.disabled || passwordHash) await this.sessions.endAllFor(id, { db: tx });
      return saved;
    });
    return userView(updated);
  }

  async remove(id: number): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const user = await this.find(id, tx);
      if (user.role === 'admin' && !user.disabled) await this.assertAnotherAdmin(tx, user, 'remove');
      await this.sessions.endAllFor(id, { db: tx });
      await tx.delete(User, { id });
    });
  }

  /** A person changing their own name, language or password (the current one required). */
  async updateOwn(
    user: User,
    sessionId: number,
    changes: { name?: string; locale?: UserLocale; currentPassword?: string; newPassword?: string },
  ): Promise<User> {
    if (changes.newPassword !== undefined) {
      if (!changes.currentPassword)
        throw new AuthException('current_password_required', 'Enter your current password to set a new one', 400);
      if (!(await this.passwords.verify(user.passwordHash, changes.currentPassword))) {
        throw new AuthException('wrong_current_password', 'Your current password is wrong', 400);
      }
      user.passwordHash = await this.passwords.hash(changes.newPassword);
    }
    if (changes.name !== undefined) user.name = changes.name.trim() || user.name;
    if (changes.locale !== undefined) user.locale = changes.locale;
    return this.dataSource.transaction(async (tx) => {
      const saved = await tx.save(user);
      if (changes.newPassword !== undefined) await this.sessions.endAllFor(user.id, { except: sessionId, db: tx });
      return saved;
    });
  }

  private async find(id: number, db: EntityManager = this.dataSource.manager): Promise<User> {
    const user = await db.findOneBy(User, { id });
    if (!user) throw new NotFoundException('User', id);
    return user;
  }

  private async assertAnotherAdmin(
    tx: EntityManager,
    user: User,
    action: 'demote' | 'disable' | 'remove',
  ): Promise<void> {
    const ds = this.dataSource;
    // Locking the admin rows serialises two admins demoting each other at the same moment (SQLite serialises all writers anyway).
    const rows: Array<{ id: unknown }> = await tx.query(
      sql(ds, `SELECT id FROM users WHERE role = 'admin' AND disabled = ?${isPostgres(ds) ? ' FOR UPDATE' : ''}`),
      [dbBool(ds, false)],
    );
    if (rows.some((r) => Number(r.id) !== user.id)) return;
    const verb = { demote: 'change the role of', disable: 'disable', remove: 'remove' }[action];
    throw new AuthException(
      'last_admin',
      `You cannot ${verb} ${user.email}: it is the last admin. Make someone else an admin first`,
      409,
    );
  }
}
