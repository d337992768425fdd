import { Module } from '@nestjs/common';
import { KindsCommonModule } from './common/kinds-common.module';
import { ContestModule } from './contest/contest.module';
import { DiscountModule } from './discount/discount.module';
import { GiftModule } from './gift/gift.module';
import { KnowledgeModule } from './knowledge/knowledge.module';
import { LoyaltyModule } from './loyalty/loyalty.module';
import { PollModule } from './poll/poll.module';
import { ServiceModule } from './service/service.module';

// The built-in campaign kinds, each a module of its own under src/kinds/<kind> whose <kind>.kind.ts
// the KindRegistry discovers. Their order here is the order the API lists them in.
const KIND_MODULES = [
  DiscountModule,
  LoyaltyModule,
  KnowledgeModule,
  ServiceModule,
  PollModule,
  GiftModule,
  ContestModule,
];

@Module({
  imports: [KindsCommonModule, ...KIND_MODULES],
  exports: KIND_MODULES,
})
export class KindsModule {}
