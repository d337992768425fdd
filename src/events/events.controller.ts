import { Body, Get, Headers, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AdminController } from '../common/admin-controller.decorator';
import { BatchDto, BatchResultDto, ConversionDto, PurchaseDto, RecordedEventDto } from './dto/business-event.dto';
import { EventPageDto, ListEventsQuery, TimelinePageDto, TimelineQuery } from './dto/event-query.dto';
import { EventQueryService } from './event-query.service';
import type { IdempotentResult } from './idempotency.store';
import { RecordBusinessEvent } from './record-business-event';
import { IdParam } from '../common/whole-number';

const IDEMPOTENCY = {
  name: 'Idempotency-Key',
  required: true,
  description: 'Unique per logical request; a retry with the same key gets the same answer and counts nothing twice',
};

function answer<T>(reply: FastifyReply, result: IdempotentResult<T>): T {
  void reply.status(result.status);
  if (result.replayed) void reply.header('idempotent-replayed', 'true');
  return result.body;
}

@AdminController('events', 'events')
export class EventsController {
  constructor(
    private readonly query: EventQueryService,
    private readonly record: RecordBusinessEvent,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The event log, oldest first; page with nextCursor' })
  @ApiOkResponse({ type: EventPageDto })
  list(@Query() query: ListEventsQuery): Promise<EventPageDto> {
    return this.query.list(query);
  }

  @Post('conversions')
  @ApiOperation({ summary: 'A trial became a paid plan; credited to the campaign last acted on' })
  @ApiHeader(IDEMPOTENCY)
  @ApiCreatedResponse({ type: RecordedEventDto })
  async conversion(
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: ConversionDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RecordedEventDto> {
    return answer(reply, await this.record.single('conversion', key, body));
  }

  @Post('purchases')
  @ApiOperation({ summary: 'A purchase (for lifetime value); one order id is counted once' })
  @ApiHeader(IDEMPOTENCY)
  @ApiCreatedResponse({ type: RecordedEventDto })
  async purchase(
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: PurchaseDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RecordedEventDto> {
    return answer(reply, await this.record.single('purchase', key, body));
  }

  @Post('conversions/batch')
  @HttpCode(200)
  @ApiOperation({ summary: 'Up to 1000 conversions; a result per item' })
  @ApiHeader(IDEMPOTENCY)
  @ApiOkResponse({ type: BatchResultDto })
  async conversions(
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: BatchDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BatchResultDto> {
    return answer(reply, await this.record.batch('conversion', key, body));
  }

  @Post('purchases/batch')
  @HttpCode(200)
  @ApiOperation({ summary: 'Up to 1000 purchases; a result per item' })
  @ApiHeader(IDEMPOTENCY)
  @ApiOkResponse({ type: BatchResultDto })
  async purchases(
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: BatchDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BatchResultDto> {
    return answer(reply, await this.record.batch('purchase', key, body));
  }
}

@AdminController('subscribers', 'events')
export class SubscriberTimelineController {
  constructor(private readonly query: EventQueryService) {}

  @Get(':id/timeline')
  @ApiOperation({ summary: "A subscriber's events, newest first; page with nextCursor" })
  @ApiOkResponse({ type: TimelinePageDto })
  timeline(@IdParam() id: number, @Query() query: TimelineQuery): Promise<TimelinePageDto> {
    return this.query.timeline(id, query);
  }
}
