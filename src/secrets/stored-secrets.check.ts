import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { SecretBox, SecretUnreadableError } from './secret-box';
import { StoredSecrets } from './stored-secrets';

/**
 * At start: refuse to run when stored secrets were encrypted with a key this
 * process does not hold (mail would go out unsigned, webhooks unverifiable),
 * and encrypt what was stored before encryption existed.
 */
@Injectable()
export class StoredSecretsCheck implements OnModuleInit {
  private readonly logger = new Logger('Secrets');

  constructor(
    private readonly secrets: StoredSecrets,
    private readonly box: SecretBox,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const inventory = await this.secrets.inventory();
    const foreign = Object.entries(inventory.byKey).filter(([keyId]) => !this.box.holds(keyId));
    if (foreign.length > 0) {
      const count = foreign.reduce((n, [, c]) => n + c, 0);
      const ids = foreign.map(([id]) => id).join(', ');
      const have = this.box.currentKeyId
        ? `APP_SECRET (${this.config.appSecretSource}) is key ${this.box.currentKeyId}`
        : 'no APP_SECRET is set';
      throw new SecretUnreadableError(
        this.box.currentKeyId ? 'unknown_key' : 'no_key',
        `${count} stored secret(s) (DKIM key, webhook secrets) were encrypted with key ${ids}, but ${have}. ` +
          'Start with the APP_SECRET they were encrypted with; to change keys, set the new one as APP_SECRET and the old one as APP_SECRET_PREVIOUS, then run: npm run cli -- secrets:reencrypt',
      );
    }
    if (inventory.plain > 0 && this.box.currentKeyId) {
      const { changed } = await this.secrets.reencrypt(undefined, { onlyPlain: true });
      if (changed > 0) this.logger.log(`Encrypted ${changed} secret(s) stored before encryption at rest`);
    }
    const previousInUse = Object.keys(inventory.byKey).some((keyId) => keyId !== this.box.currentKeyId);
    if (previousInUse)
      this.logger.warn(
        'Some stored secrets are still encrypted with a key from APP_SECRET_PREVIOUS: run npm run cli -- secrets:reencrypt',
      );
  }
}
