import { Module } from '@nestjs/common';
import { SendingModule } from '../sending/sending.module';
import { BounceIngestService } from './bounce-ingest.service';
import { BounceSmtpServer } from './bounce-smtp.server';
import { BouncesController } from './bounces.controller';

@Module({
  imports: [SendingModule],
  controllers: [BouncesController],
  providers: [BounceIngestService, BounceSmtpServer],
})
export class BouncesModule {}
