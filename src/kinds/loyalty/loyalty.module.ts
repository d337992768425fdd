import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoyaltyBonusHook } from './loyalty-bonus.hook';
import { LoyaltyAdminController, LoyaltyPublicController, LoyaltyReportController, PointsController } from './loyalty.controller';
import { PointsEntry } from './points-entry.entity';
import { PointsLedger } from './points-ledger';

@Module({
  imports: [TypeOrmModule.forFeature([PointsEntry])],
  controllers: [PointsController, LoyaltyAdminController, LoyaltyReportController, LoyaltyPublicController],
  providers: [PointsLedger, LoyaltyBonusHook],
  exports: [PointsLedger],
})
export class LoyaltyModule {}
