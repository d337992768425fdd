import { Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse } from '@nestjs/swagger';
import { AdminController } from '../../common/admin-controller.decorator';
import { RecomputeProgressDto, RecomputeRuns } from './recompute-runs';
import { StartRecompute } from './start-recompute';

@AdminController('scores', 'scores')
export class RecomputeController {
  constructor(
    private readonly start: StartRecompute,
    private readonly runs: RecomputeRuns,
  ) {}

  /** Rebuilds every value profile from the event log in a worker; 409 while one runs. */
  @Post('recompute')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: RecomputeProgressDto })
  recompute(): Promise<RecomputeProgressDto> {
    return this.start.execute();
  }

  @Get('recompute/:id')
  @ApiOkResponse({ type: RecomputeProgressDto })
  progress(@Param('id', ParseIntPipe) id: number): Promise<RecomputeProgressDto> {
    return this.runs.progress(id);
  }
}
