import { Body, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import { Roles } from '../auth/roles';
import { AdminController } from '../common/admin-controller.decorator';
import {
  ListWebhookDeliveriesQuery,
  WebhookDeliveryDetailDto,
  WebhookDeliveryPageDto,
} from './dto/webhook-delivery.dto';
import {
  CreatedWebhookDto,
  CreateWebhookDto,
  RotatedSecretDto,
  RotateSecretDto,
  UpdateWebhookDto,
  WebhookDto,
  WebhookEventTypeDto,
} from './dto/webhook-endpoint.dto';
import { WebhookDeliveryLog } from './webhook-delivery-log';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WEBHOOK_EVENTS, WEBHOOK_EVENT_NAMES } from './webhook-events';
import { IdParam } from '../common/whole-number';

// Endpoints say where subscriber data goes and their deliveries carry it: admins only, like API keys.
@AdminController('webhooks', 'webhooks')
@Roles('admin')
export class WebhooksController {
  constructor(
    private readonly endpoints: WebhookEndpointsService,
    private readonly log: WebhookDeliveryLog,
  ) {}

  @Get('events')
  @Roles('viewer')
  @ApiOkResponse({ type: [WebhookEventTypeDto], description: 'The event names an endpoint can subscribe to' })
  events(): WebhookEventTypeDto[] {
    return WEBHOOK_EVENT_NAMES.map((name) => ({ name, description: WEBHOOK_EVENTS[name] }));
  }

  @Post()
  @ApiCreatedResponse({ type: CreatedWebhookDto })
  create(@Body() dto: CreateWebhookDto): Promise<CreatedWebhookDto> {
    return this.endpoints.create(dto);
  }

  @Get()
  @ApiOkResponse({ type: [WebhookDto] })
  list(): Promise<WebhookDto[]> {
    return this.endpoints.list();
  }

  @Get(':id')
  @ApiOkResponse({ type: WebhookDto })
  get(@IdParam() id: number): Promise<WebhookDto> {
    return this.endpoints.show(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: WebhookDto })
  update(@IdParam() id: number, @Body() dto: UpdateWebhookDto): Promise<WebhookDto> {
    return this.endpoints.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@IdParam() id: number): Promise<void> {
    return this.endpoints.remove(id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOkResponse({ type: RotatedSecretDto })
  rotateSecret(@IdParam() id: number, @Body() dto: RotateSecretDto): Promise<RotatedSecretDto> {
    return this.endpoints.rotateSecret(id, dto.overlapHours);
  }

  @Post(':id/test')
  @HttpCode(202)
  @ApiAcceptedResponse({
    type: WebhookDeliveryDetailDto,
    description: 'A ping delivery, on its way; follow it at GET /api/webhook-deliveries/{id}',
  })
  test(@IdParam() id: number): Promise<WebhookDeliveryDetailDto> {
    return this.log.sendTest(id);
  }

  @Get(':id/deliveries')
  @ApiOkResponse({ type: WebhookDeliveryPageDto })
  deliveries(@IdParam() id: number, @Query() query: ListWebhookDeliveriesQuery): Promise<WebhookDeliveryPageDto> {
    return this.log.list(id, query);
  }
}

@AdminController('webhook-deliveries', 'webhooks')
@Roles('admin')
export class WebhookDeliveriesController {
  constructor(private readonly log: WebhookDeliveryLog) {}

  @Get(':id')
  @ApiOkResponse({ type: WebhookDeliveryDetailDto })
  get(@IdParam() id: number): Promise<WebhookDeliveryDetailDto> {
    return this.log.get(id);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: WebhookDeliveryDetailDto, description: 'One more attempt, on its way' })
  retry(@IdParam() id: number): Promise<WebhookDeliveryDetailDto> {
    return this.log.retry(id);
  }
}
