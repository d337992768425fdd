import { Body, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery } from '@nestjs/swagger';
import { AdminController } from '../../common/admin-controller.decorator';
import { ConsentService } from '../consent/consent.service';
import { ConsentRecordDto } from '../dto/consent.dto';
import {
  AttributeKeyDto,
  AttributeValueDto,
  AttributeValuesQueryDto,
  CreateSubscriberDto,
  EraseQueryDto,
  ListSubscribersQueryDto,
  SubscriberDto,
  SubscriberPageDto,
  UpdateSubscriberDto,
} from '../dto/subscriber.dto';
import { SubscriberListQuery } from './subscriber-query.decorator';
import { SubscribersService } from './subscribers.service';
import { AttributeCatalogue } from './attribute-catalogue';
import { IdParam } from '../../common/whole-number';

@AdminController('subscribers', 'subscribers')
export class SubscribersController {
  constructor(
    private readonly subscribers: SubscribersService,
    private readonly consent: ConsentService,
    private readonly attributes: AttributeCatalogue,
  ) {}

  @Get('attributes')
  @ApiOkResponse({ type: [AttributeKeyDto], description: 'Attribute names in use, most used first (for suggestions)' })
  attributeKeys(): Promise<AttributeKeyDto[]> {
    return this.attributes.keys();
  }

  @Get('attributes/values')
  @ApiOkResponse({ type: [AttributeValueDto], description: "One attribute's commonest values, most used first" })
  attributeValues(@Query() query: AttributeValuesQueryDto): Promise<AttributeValueDto[]> {
    return this.attributes.values(query.key, query.limit ?? 20);
  }

  @Post()
  @ApiOkResponse({ type: SubscriberDto })
  async create(@Body() dto: CreateSubscriberDto): Promise<SubscriberDto> {
    return SubscriberDto.of(await this.subscribers.create(dto));
  }

  @Get()
  @ApiOkResponse({ type: SubscriberPageDto })
  @ApiQuery({ type: ListSubscribersQueryDto })
  list(@SubscriberListQuery() query: ListSubscribersQueryDto): Promise<SubscriberPageDto> {
    return this.subscribers.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: SubscriberDto })
  async get(@IdParam() id: number): Promise<SubscriberDto> {
    return SubscriberDto.of(await this.subscribers.get(id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: SubscriberDto })
  async update(@IdParam() id: number, @Body() dto: UpdateSubscriberDto): Promise<SubscriberDto> {
    return SubscriberDto.of(await this.subscribers.update(id, dto));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@IdParam() id: number, @Query() query: EraseQueryDto): Promise<void> {
    await this.subscribers.remove(id, query.erase === 'true');
  }

  @Get(':id/consent')
  @ApiOkResponse({ type: [ConsentRecordDto] })
  consentRecords(@IdParam() id: number): Promise<ConsentRecordDto[]> {
    return this.consent.forSubscriber(id);
  }
}
