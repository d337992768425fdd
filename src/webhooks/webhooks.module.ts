import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AudienceModule } from '../audience/audience.module';
import { DeliverWebhook } from './deliver-webhook';
import { ScoreClassChangeWebhooks } from './score-class-change.listener';
import { WebhookAttempt } from './webhook-attempt.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookDeliveryLog } from './webhook-delivery-log';
import { WebhookDeliveryWriter } from './webhook-delivery.writer';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookEventConsumer } from './webhook-event.consumer';
import { WebhookHttpClient } from './webhook-http.client';
import { WebhookOutbox } from './webhook-outbox';
import { WebhookPayloadBuilder } from './webhook-payload.builder';
import { WebhookDns, WebhookTargetGuard } from './webhook-target.guard';
import { WebhookDeliveriesController, WebhooksController } from './webhooks.controller';
import { WebhooksPersonalDataErasure } from './webhooks-personal-data.erasure';
import { WebhooksProcessor } from './webhooks.processor';
import { WEBHOOK_QUEUE } from './webhooks.queue';
import { WebhooksScheduler } from './webhooks.scheduler';

/** Outgoing webhooks: endpoints, the outbox fed by the event log and score hooks, signed delivery with retries. */
@Module({
  imports: [
    TypeOrmModule.forFeature([WebhookEndpoint, WebhookDelivery, WebhookAttempt]),
    BullModule.registerQueue({ name: WEBHOOK_QUEUE }),
    AudienceModule,
  ],
  controllers: [WebhooksController, WebhookDeliveriesController],
  providers: [
    WebhookDns,
    WebhookTargetGuard,
    WebhookHttpClient,
    WebhookOutbox,
    WebhookPayloadBuilder,
    WebhookDeliveryWriter,
    WebhookEndpointsService,
    WebhookDeliveryLog,
    WebhookEventConsumer,
    ScoreClassChangeWebhooks,
    DeliverWebhook,
    WebhooksPersonalDataErasure,
    WebhooksScheduler,
    WebhooksProcessor,
  ],
})
export class WebhooksModule {}
