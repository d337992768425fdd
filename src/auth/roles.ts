import { SetMetadata } from '@nestjs/common';

/** Ordered from least to most allowed: each role can do what the ones before it can. */
export const ROLES = ['viewer', 'marketer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const USER_LOCALES = ['en', 'nl'] as const;
export type UserLocale = (typeof USER_LOCALES)[number];

export const REQUIRED_ROLE = 'valuemail:required-role';

/**
 * The least role a route needs. Without it: reads (GET, HEAD, OPTIONS) need
 * `viewer`, everything else `marketer`. `@Roles('admin')` raises that;
 * `@Roles('viewer')` on a POST opens a read-only computation (a preview, a
 * count) or a person's own account to viewers.
 */
export const Roles = (role: Role): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLE, role);

export const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function defaultRoleFor(method: string): Role {
  return READ_METHODS.has(method.toUpperCase()) ? 'viewer' : 'marketer';
}

export function roleAllows(held: Role, required: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(required);
}
