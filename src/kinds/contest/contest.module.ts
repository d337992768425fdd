import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContestAdminController } from './contest-admin.controller';
import { ContestDrawAudit } from './contest-draw-audit';
import { ContestWinnerNotifier } from './contest-winner.notifier';
import { ContestReferralService } from './contest-referral.service';
import { ContestReportService } from './contest-report';
import { ContestDraw, ContestDrawLog, ContestEntry, ContestReferral, ContestWinner } from './contest.entities';
import { ContestPublicController } from './contest.controller';
import { DrawContest } from './draw-contest';
import { EnterContest } from './enter-contest';
import { ContestEntrants } from './contest-entrants';
import { ContestKind } from './contest.kind';

@Module({
  imports: [TypeOrmModule.forFeature([ContestEntry, ContestReferral, ContestDraw, ContestDrawLog, ContestWinner])],
  controllers: [ContestPublicController, ContestAdminController],
  providers: [
    ContestKind,
    ContestEntrants,
    EnterContest,
    ContestReferralService,
    DrawContest,
    ContestDrawAudit,
    ContestWinnerNotifier,
    ContestReportService,
  ],
  // The audience module calls ContestReferralService.onConfirmed after a double opt-in confirmation.
  exports: [ContestReferralService, ContestReportService],
})
export class ContestModule {}
