import { Global, Module } from '@nestjs/common';
import { LocaleResolver } from './locale-resolver';

// Global: public pages of every module and the mail renderer pick their language here.
@Global()
@Module({ providers: [LocaleResolver], exports: [LocaleResolver] })
export class I18nModule {}
