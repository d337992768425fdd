import { Global, Module } from '@nestjs/common';
import { TrackingModule } from '../tracking/tracking.module';
import { ActExecutors } from './act-executors';
import { ActGate } from './act-gate';
import { ActSettler } from './act-settler';

/** One-click acts from mail links: pending until the scanner rules have judged them, then done by their kind. */
@Global()
@Module({
  imports: [TrackingModule],
  providers: [ActExecutors, ActGate, ActSettler],
  exports: [ActExecutors, ActGate, ActSettler],
})
export class ActsModule {}
