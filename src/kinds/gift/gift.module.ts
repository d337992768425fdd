import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClaimGift } from './claim-gift';
import { GiftClaim, GiftStock } from './gift-claim.entity';
import { GiftPublicController, GiftReportController } from './gift.controller';
import { GiftReportService } from './gift-report';
import { GiftKind } from './gift.kind';

@Module({
  imports: [TypeOrmModule.forFeature([GiftClaim, GiftStock])],
  controllers: [GiftPublicController, GiftReportController],
  providers: [GiftKind, ClaimGift, GiftReportService],
  exports: [GiftReportService],
})
export class GiftModule {}
