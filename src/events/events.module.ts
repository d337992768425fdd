import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventCursor } from './event-cursor.entity';
import { TrackedEvent } from './event.entity';
import { EventLogFollower } from './event-log.follower';
import { EventWriter } from './event-writer';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([TrackedEvent, EventCursor])],
  providers: [EventWriter, EventLogFollower],
  exports: [EventWriter, EventLogFollower, TypeOrmModule],
})
export class EventsModule {}
