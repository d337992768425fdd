import { Module } from '@nestjs/common';
import { LoyaltyActExecutor } from './loyalty-act.executor';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoyaltyBonusHook } from './loyalty-bonus.hook';
import {
  LoyaltyAdminController,
  LoyaltyPublicController,
  LoyaltyReportController,
  PointsController,
} from './loyalty.controller';
import { PointsEntry } from './points-entry.entity';
import { PointsLedger } from './points-ledger';
import { LoyaltyReportService } from './loyalty-report';
import { LoyaltyKind } from './loyalty.kind';

@Module({
  imports: [TypeOrmModule.forFeature([PointsEntry])],
  controllers: [PointsController, LoyaltyAdminController, LoyaltyReportController, LoyaltyPublicController],
  providers: [LoyaltyKind, LoyaltyActExecutor, PointsLedger, LoyaltyBonusHook, LoyaltyReportService],
  exports: [PointsLedger, LoyaltyReportService],
})
export class LoyaltyModule {}
