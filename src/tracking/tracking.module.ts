import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DeliveryTruth } from './delivery-truth';
import { PageHitInterceptor } from './page-hit.interceptor';
import { CAMPAIGN_LINKS_LOOKUP, SqlCampaignLinksLookup } from './campaign-links.lookup';
import { HitDrain } from './hit-drain';
import { RedisHitBuffer } from './hit-buffer';
import { HitRecorder } from './hit-recorder';
import { PixelRoute } from './pixel.route';
import { RedirectController } from './redirect.controller';
import { TRACKING_SINK } from './tracking-sink';

/** Opens and clicks: public endpoints buffer hits in Redis, the worker drains them into the event log. */
@Module({
  controllers: [RedirectController],
  providers: [
    PixelRoute,
    RedisHitBuffer,
    { provide: TRACKING_SINK, useExisting: RedisHitBuffer },
    { provide: CAMPAIGN_LINKS_LOOKUP, useClass: SqlCampaignLinksLookup },
    HitRecorder,
    HitDrain,
    DeliveryTruth,
    { provide: APP_INTERCEPTOR, useClass: PageHitInterceptor },
  ],
  exports: [TRACKING_SINK, CAMPAIGN_LINKS_LOOKUP, HitDrain, DeliveryTruth],
})
export class TrackingModule {}
