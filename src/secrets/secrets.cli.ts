import type { AppConfig } from '../config/app-config';
import { SecretBox } from './secret-box';
import { StoredSecrets } from './stored-secrets';

export const SECRETS_USAGE = `  secrets:status          which key encrypts the stored secrets (DKIM key, webhook secrets)
  secrets:reencrypt       encrypt every stored secret with APP_SECRET (after moving the old key to APP_SECRET_PREVIOUS)`;

type WithContext = <T>(
  config: AppConfig,
  run: (get: <S>(type: new (...args: never[]) => S) => S) => Promise<T>,
) => Promise<T>;

interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** `secrets:status` and `secrets:reencrypt` (key rotation: new key as APP_SECRET, old as APP_SECRET_PREVIOUS, run this, drop the old). */
export async function runSecretsCli(
  command: 'secrets:status' | 'secrets:reencrypt',
  config: AppConfig,
  withContext: WithContext,
  out: { stdout: Output; stderr: Output },
): Promise<number> {
  return withContext(config, async (get) => {
    const box = get(SecretBox);
    const secrets = get(StoredSecrets);
    if (command === 'secrets:reencrypt') {
      const { total, changed } = await secrets.reencrypt((done, all) => {
        if (out.stderr.isTTY) out.stderr.write(`\rre-encrypting ${done}/${all}`);
      });
      if (out.stderr.isTTY) out.stderr.write('\n');
      out.stdout.write(`re-encrypted ${changed} of ${total} stored secret(s) with key ${box.currentKeyId}\n`);
    }
    const inventory = await secrets.inventory();
    const keys = Object.entries(inventory.byKey).map(
      ([id, n]) => `${n} with key ${id}${id === box.currentKeyId ? ' (APP_SECRET)' : ' (APP_SECRET_PREVIOUS)'}`,
    );
    out.stdout.write(
      `stored secrets: ${inventory.total}${keys.length ? `; ${keys.join(', ')}` : ''}${inventory.plain ? `; ${inventory.plain} not encrypted` : ''}\n`,
    );
    out.stdout.write(`APP_SECRET from ${config.appSecretSource} is key ${box.currentKeyId ?? '(none)'}\n`);
    const stale = Object.keys(inventory.byKey).some((id) => id !== box.currentKeyId) || inventory.plain > 0;
    if (command === 'secrets:status' && stale)
      out.stdout.write('some secrets are not under APP_SECRET yet: run npm run cli -- secrets:reencrypt\n');
    return 0;
  });
}
