import type { Role } from '../api/types';

// What the interface offers each role. The API enforces the same rules (403); hiding the buttons only
// spares people a refusal. Viewers read everything; marketers change audience and campaigns; admins also
// manage users, API keys and settings.
export interface Permissions {
  write: boolean;
  admin: boolean;
}

export function permissionsOf(role: Role | undefined): Permissions {
  return { write: role === 'admin' || role === 'marketer', admin: role === 'admin' };
}
