import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailingList } from '../audience/mailing-list.entity';
import { Subscriber } from '../audience/subscriber.entity';
import { SendingModule } from '../sending/sending.module';
import { Campaign } from './campaign.entity';
import { CampaignsController } from './campaigns.controller';
import { CampaignPreviewService } from './campaign-preview.service';
import { CampaignsService } from './campaigns.service';

@Module({
  imports: [TypeOrmModule.forFeature([Campaign, MailingList, Subscriber]), SendingModule],
  controllers: [CampaignsController],
  providers: [CampaignsService, CampaignPreviewService],
  exports: [CampaignsService],
})
export class CampaignsModule {}
