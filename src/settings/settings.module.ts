import { Module } from '@nestjs/common';
import { DkimKeyService } from './dkim-key.service';
import { SettingsController } from './settings.controller';
import { SettingsService } from './settings.service';
import { SmtpTransportsService } from './smtp-transports.service';

/** The settings API (brand, tracking, DKIM, SMTP); the store itself is SettingsStoreModule. */
@Module({
  controllers: [SettingsController],
  providers: [SettingsService, DkimKeyService, SmtpTransportsService],
})
export class SettingsModule {}
