import { Body, Get, HttpCode, Post } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { AdminController } from '../../common/admin-controller.decorator';
import { ContestReport, ContestReportService } from './contest-report';
import { DrawContest, DrawState, DrawVerification } from './draw-contest';
import { IdParam } from '../../common/whole-number';

export class DisqualifyDto {
  @ApiProperty({ example: 'Email bounced' }) @IsString() @Length(1, 500)
  reason: string;
}

@AdminController('campaigns', 'kinds')
export class ContestAdminController {
  constructor(
    private readonly draws: DrawContest,
    private readonly reports: ContestReportService,
  ) {}

  @Post(':id/contest/draw/commit')
  @HttpCode(201)
  commit(@IdParam() id: number): Promise<DrawState> {
    return this.draws.commit(id);
  }

  @Get(':id/contest/draw')
  state(@IdParam() id: number): Promise<DrawState> {
    return this.draws.state(id);
  }

  @Post(':id/contest/draw')
  @HttpCode(200)
  draw(@IdParam() id: number): Promise<DrawState> {
    return this.draws.draw(id);
  }

  @Get(':id/contest/draw/verify')
  verify(@IdParam() id: number): Promise<DrawVerification> {
    return this.draws.verify(id);
  }

  @Get(':id/contest/draw/log')
  log(@IdParam() id: number): Promise<unknown[]> {
    return this.draws.auditLog(id);
  }

  @Post(':id/contest/winners/:subscriberId/disqualify')
  @HttpCode(200)
  disqualify(@IdParam() id: number, @IdParam('subscriberId') subscriberId: number, @Body() dto: DisqualifyDto): Promise<DrawState> {
    return this.draws.disqualify(id, subscriberId, dto.reason);
  }

  @Get(':id/report/contest')
  report(@IdParam() id: number): Promise<ContestReport> {
    return this.reports.report(id);
  }
}
