import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AudienceQueryService } from './audience-query.service';
import { ListMembership } from './list-membership.entity';
import { MailingList } from './mailing-list.entity';
import { Subscriber } from './subscriber.entity';
import { Suppression } from './suppression.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Subscriber, MailingList, ListMembership, Suppression])],
  providers: [AudienceQueryService],
  exports: [AudienceQueryService, TypeOrmModule],
})
export class AudienceModule {}
