import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AnswerPoll } from './answer-poll';
import { PollActExecutor } from './poll-act.executor';
import { PollAnswer } from './poll-answer.entity';
import { PollPublicController, PollReportController } from './poll.controller';
import { PollReportService } from './poll-report';
import { PollKind } from './poll.kind';

@Module({
  imports: [TypeOrmModule.forFeature([PollAnswer])],
  controllers: [PollPublicController, PollReportController],
  providers: [PollKind, AnswerPoll, PollReportService, PollActExecutor],
  exports: [PollReportService],
})
export class PollModule {}
