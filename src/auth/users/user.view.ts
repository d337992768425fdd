import type { Role, UserLocale } from '../roles';
import type { User } from './user.entity';

/** What the web app knows about the person signed in. */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  locale: UserLocale;
}

/** A user as admins see it in the users list. */
export interface UserView extends SessionUser {
  disabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const sessionUser = (u: User): SessionUser => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  locale: u.locale,
});

export const userView = (u: User): UserView => ({
  ...sessionUser(u),
  disabled: u.disabled,
  lastLoginAt: u.lastLoginAt,
  createdAt: u.createdAt,
  updatedAt: u.updatedAt,
});
