import { INestApplication } from '@nestjs/common';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PasswordHasher } from '../auth/users/password-hasher';
import { UsersService } from '../auth/users/users.service';
import type { AppConfig } from '../config/app-config';

export interface DemoAdmin {
  email: string;
  /** Null when it cannot be shown: changed since, or the accounts were not made by the demo. */
  password: string | null;
  note?: string;
}

/**
 * The first admin of a fresh database, with a generated password kept in
 * DATA_DIR/demo-admin.json (mode 600) so a restarted demo can print it again.
 */
export async function ensureDemoAdmin(app: INestApplication, config: AppConfig): Promise<DemoAdmin> {
  const users = app.get(UsersService);
  const file = join(config.dataDir, 'demo-admin.json');
  if ((await users.count()) === 0) {
    const created = await users.create({ email: config.demoAdminEmail, name: 'Demo admin', role: 'admin' });
    const admin = { email: created.user.email, password: created.generatedPassword! };
    writeFileSync(file, JSON.stringify(admin, null, 2) + '\n', { mode: 0o600 });
    return admin;
  }
  const saved = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { email: string; password: string })
    : undefined;
  if (!saved)
    return {
      email: config.demoAdminEmail,
      password: null,
      note: 'sign in with an account you made (npm run cli -- users:create EMAIL --role admin)',
    };
  const user = await users.findByEmail(saved.email);
  if (user && (await app.get(PasswordHasher).verify(user.passwordHash, saved.password))) return saved;
  return { email: saved.email, password: null, note: `the password in ${file} no longer works (changed in the app?)` };
}
