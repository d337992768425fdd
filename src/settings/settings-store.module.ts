import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EffectiveSettings } from './effective-settings';
import { Setting } from './setting.entity';
import { SettingsStore } from './settings.store';

/** Settings for everyone who applies them (renderer, mail transport, tracking): global, no HTTP. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Setting])],
  providers: [SettingsStore, EffectiveSettings],
  exports: [SettingsStore, EffectiveSettings],
})
export class SettingsStoreModule {}
