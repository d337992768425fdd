import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TrackedEvent } from './event.entity';
import { EventWriter } from './event-writer';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([TrackedEvent])],
  providers: [EventWriter],
  exports: [EventWriter, TypeOrmModule],
})
export class EventsModule {}
