import { Global, Module } from '@nestjs/common';
import { AudienceModule } from '../audience/audience.module';
import { TrackingModule } from '../tracking/tracking.module';
import { ActExecutors } from './act-executors';
import { ActsPersonalDataErasure } from './acts-personal-data.erasure';
import { ActGate } from './act-gate';
import { ActSettler } from './act-settler';

/** One-click acts from mail links: pending until the scanner rules have judged them, then done by their kind. */
@Global()
@Module({
  imports: [TrackingModule, AudienceModule],
  providers: [ActExecutors, ActGate, ActSettler, ActsPersonalDataErasure],
  exports: [ActExecutors, ActGate, ActSettler],
})
export class ActsModule {}
