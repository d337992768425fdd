import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DKIM_KEY_PURPOSE, SETTING_KEYS } from '../settings/effective-settings';
import { Setting } from '../settings/setting.entity';
import { WebhookEndpoint } from '../webhooks/webhook-endpoint.entity';
import { SecretBox } from './secret-box';

import { WEBHOOK_SECRET_PURPOSE } from '../webhooks/webhook-signature';

/** One secret as stored: where it is, and its text (sealed, or plain from before encryption). */
export interface StoredSecret {
  place: string;
  purpose: string;
  stored: string;
  /** Writes a new stored text, only if the row still holds `expected` (another process may be rotating too). */
  replace(tx: EntityManager, expected: string, next: string): Promise<void>;
}

export interface SecretsInventory {
  total: number;
  plain: number;
  /** Sealed values per key fingerprint. */
  byKey: Record<string, number>;
}

/**
 * Every secret valuemail keeps in its database, in one place: what the start-up
 * check inspects and what the re-encrypt command walks.
 */
@Injectable()
export class StoredSecrets {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly box: SecretBox,
  ) {}

  async all(tx: EntityManager = this.dataSource.manager): Promise<StoredSecret[]> {
    const found: StoredSecret[] = [];
    const dkim = await tx.findOneBy(Setting, { key: SETTING_KEYS.dkim });
    const dkimValue = dkim?.value as { privateKey?: string } | undefined;
    if (dkimValue?.privateKey) {
      found.push({
        place: 'settings.dkim',
        purpose: DKIM_KEY_PURPOSE,
        stored: dkimValue.privateKey,
        replace: async (m, expected, next) => {
          const row = await m.findOneBy(Setting, { key: SETTING_KEYS.dkim });
          const value = row?.value as { privateKey?: string } | undefined;
          if (value?.privateKey === expected)
            await m.update(Setting, { key: SETTING_KEYS.dkim }, { value: { ...value, privateKey: next } });
        },
      });
    }
    for (const endpoint of await tx.find(WebhookEndpoint, {
      select: { id: true, secret: true, previousSecret: true },
      order: { id: 'ASC' },
    })) {
      for (const column of ['secret', 'previousSecret'] as const) {
        const stored = endpoint[column];
        if (!stored) continue;
        found.push({
          place: `webhook ${endpoint.id} ${column}`,
          purpose: WEBHOOK_SECRET_PURPOSE,
          stored,
          replace: async (m, expected, next) => {
            await m.update(WebhookEndpoint, { id: endpoint.id, [column]: expected }, { [column]: next });
          },
        });
      }
    }
    return found;
  }

  async inventory(): Promise<SecretsInventory> {
    const all = await this.all();
    const byKey: Record<string, number> = {};
    let plain = 0;
    for (const secret of all) {
      const keyId = SecretBox.keyIdOf(secret.stored);
      if (keyId === undefined) plain++;
      else byKey[keyId] = (byKey[keyId] ?? 0) + 1;
    }
    return { total: all.length, plain, byKey };
  }

  /**
   * Seals every secret that is plain or sealed under an older key with the
   * current key; `onProgress` after each. Opening first means a secret under a
   * key we do not hold stops the run before anything is written.
   */
  async reencrypt(
    onProgress: (done: number, total: number) => void = () => undefined,
    options: { onlyPlain?: boolean } = {},
  ): Promise<{ total: number; changed: number }> {
    return this.dataSource.transaction(async (tx) => {
      const all = await this.all(tx);
      const opened = all.map((secret) => ({ secret, plain: this.box.open(secret.stored, secret.purpose) }));
      let changed = 0;
      for (const [index, { secret, plain }] of opened.entries()) {
        const keyId = SecretBox.keyIdOf(secret.stored);
        const stale = keyId === undefined || (!options.onlyPlain && keyId !== this.box.currentKeyId);
        if (stale) {
          await secret.replace(tx, secret.stored, this.box.seal(plain, secret.purpose));
          changed++;
        }
        onProgress(index + 1, all.length);
      }
      return { total: all.length, changed };
    });
  }
}
