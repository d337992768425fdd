import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttributionFinder } from './attribution';
import { EventQueryService } from './event-query.service';
import { EventsController, SubscriberTimelineController } from './events.controller';
import { IdempotencyKey } from './idempotency-key.entity';
import { IdempotencyStore } from './idempotency.store';
import { RecordBusinessEvent } from './record-business-event';

/** The event log over HTTP: reading it, and conversions and purchases from the marketer's systems. */
@Module({
  imports: [TypeOrmModule.forFeature([IdempotencyKey])],
  controllers: [EventsController, SubscriberTimelineController],
  providers: [EventQueryService, IdempotencyStore, AttributionFinder, RecordBusinessEvent],
})
export class EventsApiModule {}
