import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional } from 'class-validator';
import { EVENT_TYPES, EventType } from '../event-types';
import { IsWholeNumber } from '../../common/whole-number';

export class ListEventsQuery {
  @ApiPropertyOptional({ enum: EVENT_TYPES })
  @IsOptional()
  @IsIn(EVENT_TYPES, { message: `type must be one of ${EVENT_TYPES.join(', ')}` })
  type?: EventType;
  @ApiPropertyOptional() @IsOptional() @IsWholeNumber() campaignId?: number;
  @ApiPropertyOptional() @IsOptional() @IsWholeNumber() subscriberId?: number;
  @ApiPropertyOptional({ description: 'true: only machine events; false: only human ones' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'machine must be true or false' })
  machine?: boolean;
  @ApiPropertyOptional({ example: '2026-11-01T00:00:00Z' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ example: '2026-12-01T00:00:00Z', description: 'Exclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page: events with a higher id' })
  @IsOptional()
  @IsWholeNumber({ min: 0 })
  cursor?: number;
  @ApiPropertyOptional({ default: 100, maximum: 1000 }) @IsOptional() @IsWholeNumber({ max: 1000 }) limit?: number;
}

export class TimelineQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page: events with a lower id' })
  @IsOptional()
  @IsWholeNumber()
  cursor?: number;
  @ApiPropertyOptional({ default: 100, maximum: 1000 }) @IsOptional() @IsWholeNumber({ max: 1000 }) limit?: number;
}

export class EventDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: EVENT_TYPES }) type: EventType;
  @ApiPropertyOptional({ nullable: true, type: Number }) campaignId: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) deliveryId: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) subscriberId: number | null;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ type: Object }) data: Record<string, unknown>;
  @ApiProperty() machine: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) machineReason: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) ip: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) userAgent: string | null;
}

export class EventPageDto {
  @ApiProperty({ type: [EventDto] }) items: EventDto[];
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'Pass as cursor for the next page; null at the end',
  })
  nextCursor: number | null;
}

export class TimelineEventDto extends EventDto {
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: "The campaign's name, for a sentence instead of an id",
  })
  campaignName: string | null;
}

export class TimelinePageDto {
  @ApiProperty({ type: [TimelineEventDto] }) items: TimelineEventDto[];
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'Pass as cursor for the next page; null at the end',
  })
  nextCursor: number | null;
}
