import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppConfig, ConfigError, loadConfig } from './app-config';

// Without LINK_SECRETS (APP_SECRET) a secret is generated once and kept in the
// data dir, so links in mail already sent stay valid (and stored secrets
// readable) across restarts.
function keptSecret(env: NodeJS.ProcessEnv, name: string): string {
  const dataDir = resolve(env.DATA_DIR || './var');
  const file = resolve(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** Loads the config from process.env, or prints one line and exits on a bad value. */
export function loadConfigFromProcess(): AppConfig {
  try {
    const env = process.env;
    const linkSecret = env.LINK_SECRETS ? undefined : keptSecret(env, 'link-secret');
    const appSecret = env.APP_SECRET || env.APP_SECRET_FILE ? undefined : keptSecret(env, 'app-secret');
    return loadConfig(env, linkSecret, appSecret);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`valuemail: invalid configuration: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}
