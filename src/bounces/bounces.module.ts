import { Module } from '@nestjs/common';
import { AudienceModule } from '../audience/audience.module';
import { SendingModule } from '../sending/sending.module';
import { BounceIngestService } from './bounce-ingest.service';
import { BounceSmtpServer } from './bounce-smtp.server';
import { BouncesController } from './bounces.controller';

@Module({
  imports: [SendingModule, AudienceModule],
  controllers: [BouncesController],
  providers: [BounceIngestService, BounceSmtpServer],
})
export class BouncesModule {}
