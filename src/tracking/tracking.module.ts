import { Module } from '@nestjs/common';
import { CAMPAIGN_LINKS_LOOKUP, SqlCampaignLinksLookup } from './campaign-links.lookup';
import { PixelController } from './pixel.controller';
import { RedirectController } from './redirect.controller';
import { NoopTrackingSink, TRACKING_SINK } from './tracking-sink';

/** Opens and clicks. Replace TRACKING_SINK (and, with the campaign entity, CAMPAIGN_LINKS_LOOKUP) to record and look up for real. */
@Module({
  controllers: [PixelController, RedirectController],
  providers: [
    { provide: TRACKING_SINK, useClass: NoopTrackingSink },
    { provide: CAMPAIGN_LINKS_LOOKUP, useClass: SqlCampaignLinksLookup },
  ],
  exports: [TRACKING_SINK, CAMPAIGN_LINKS_LOOKUP],
})
export class TrackingModule {}
