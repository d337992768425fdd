import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailingList } from '../audience/mailing-list.entity';
import { Subscriber } from '../audience/subscriber.entity';
import { Delivery } from '../sending/delivery.entity';
import { SendingModule } from '../sending/sending.module';
import { Campaign } from './campaign.entity';
import { CampaignsController } from './campaigns.controller';
import { CampaignPreviewService } from './campaign-preview.service';
import { CampaignsService } from './campaigns.service';
import { ReadCampaignProgress } from './progress/read-campaign-progress';
import { StreamCampaignProgress } from './progress/stream-campaign-progress';
import { ViewInBrowserController } from './view-in-browser.controller';

@Module({
  imports: [TypeOrmModule.forFeature([Campaign, MailingList, Subscriber, Delivery]), SendingModule],
  controllers: [CampaignsController, ViewInBrowserController],
  providers: [CampaignsService, CampaignPreviewService, ReadCampaignProgress, StreamCampaignProgress],
  exports: [CampaignsService],
})
export class CampaignsModule {}
