import { Module } from '@nestjs/common';
import { TrialActExecutor } from './trial-act.executor';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CouponAssignmentHook } from './coupon-assignment.hook';
import { Coupon, CouponRedemption, Trial } from './discount.entities';
import { CouponsController, DiscountReportController, TrialPublicController } from './discount.controller';
import { DiscountReportService } from './discount-report';
import { RedeemCoupon } from './redeem-coupon';
import { StartTrial } from './start-trial';
import { DiscountKind } from './discount.kind';

@Module({
  imports: [TypeOrmModule.forFeature([Coupon, CouponRedemption, Trial])],
  controllers: [CouponsController, DiscountReportController, TrialPublicController],
  providers: [DiscountKind, TrialActExecutor, CouponAssignmentHook, RedeemCoupon, StartTrial, DiscountReportService],
  exports: [DiscountReportService],
})
export class DiscountModule {}
