import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AudienceModule } from '../audience/audience.module';
import { Campaign } from '../campaigns/campaign.entity';
import { TemplatesModule } from '../templates/templates.module';
import { BounceRecorder } from './bounce-recorder';
import { CampaignRunner } from './campaign-runner';
import { Delivery } from './delivery.entity';
import { DeliveryStore } from './delivery-store';
import { CampaignQueueProcessor } from './fan-out.job';
import { FanOutHookRegistry } from './fan-out-hooks';
import { MessageBuilder } from './message-builder';
import { SendBatchProcessor } from './send-batch.job';
import { SendDispatcher } from './send-dispatcher';
import { SendRateMeter } from './send-rate.meter';
import { SendingPersonalDataErasure } from './personal-data.erasure';
import { CAMPAIGN_QUEUE, SEND_QUEUE } from './sending.queues';
import { SendingScheduler } from './sending-scheduler';
import { TransportHealth } from './transport-health';
import { TransportThrottle } from './transport-throttle';

/** The send pipeline: schedule → fan-out → claim → render → SMTP → outcomes. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Campaign, Delivery]),
    BullModule.registerQueue({ name: CAMPAIGN_QUEUE }, { name: SEND_QUEUE }),
    AudienceModule,
    TemplatesModule,
  ],
  providers: [
    BounceRecorder,
    CampaignRunner,
    DeliveryStore,
    FanOutHookRegistry,
    MessageBuilder,
    SendDispatcher,
    SendRateMeter,
    SendingPersonalDataErasure,
    SendingScheduler,
    TransportThrottle,
    TransportHealth,
    CampaignQueueProcessor,
    SendBatchProcessor,
  ],
  exports: [
    FanOutHookRegistry,
    CampaignRunner,
    SendRateMeter,
    TransportHealth,
    DeliveryStore,
    BounceRecorder,
    MessageBuilder,
  ],
})
export class SendingModule {}
