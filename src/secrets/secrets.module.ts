import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Setting } from '../settings/setting.entity';
import { WebhookEndpoint } from '../webhooks/webhook-endpoint.entity';
import { SecretBox } from './secret-box';
import { StoredSecrets } from './stored-secrets';
import { StoredSecretsCheck } from './stored-secrets.check';

/** Encryption of secrets at rest for everyone who stores one (DKIM key, webhook secrets). */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Setting, WebhookEndpoint])],
  providers: [
    { provide: SecretBox, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new SecretBox(config.appSecrets) },
    StoredSecrets,
    StoredSecretsCheck,
  ],
  exports: [SecretBox, StoredSecrets],
})
export class SecretsModule {}
