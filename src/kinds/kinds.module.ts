import { Module } from '@nestjs/common';
import { KindsCommonModule } from './common/kinds-common.module';
import { ContestModule } from './contest/contest.module';
import { DiscountModule } from './discount/discount.module';
import { GiftModule } from './gift/gift.module';
import { KnowledgeModule } from './knowledge/knowledge.module';
import { LoyaltyModule } from './loyalty/loyalty.module';
import { PollModule } from './poll/poll.module';
import { ServiceModule } from './service/service.module';

/** The seven campaign kinds, each a module of its own under src/kinds/<kind>. */
@Module({
  imports: [KindsCommonModule, PollModule, GiftModule, ContestModule, DiscountModule, LoyaltyModule, ServiceModule, KnowledgeModule],
  exports: [PollModule, GiftModule, ContestModule, DiscountModule, LoyaltyModule, ServiceModule, KnowledgeModule],
})
export class KindsModule {}
