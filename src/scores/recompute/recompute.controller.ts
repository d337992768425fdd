import { Get, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse } from '@nestjs/swagger';
import { Roles } from '../../auth/roles';
import { AdminController } from '../../common/admin-controller.decorator';
import { RecomputeProgressDto, RecomputeRuns } from './recompute-runs';
import { StartRecompute } from './start-recompute';
import { IdParam } from '../../common/whole-number';

@AdminController('scores', 'scores')
export class RecomputeController {
  constructor(
    private readonly start: StartRecompute,
    private readonly runs: RecomputeRuns,
  ) {}

  /** Rebuilds every value profile from the event log in a worker; 409 while one runs. Maintenance: admins only. */
  @Post('recompute')
  @Roles('admin')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: RecomputeProgressDto })
  recompute(): Promise<RecomputeProgressDto> {
    return this.start.execute();
  }

  @Get('recompute/:id')
  @ApiOkResponse({ type: RecomputeProgressDto })
  progress(@IdParam() id: number): Promise<RecomputeProgressDto> {
    return this.runs.progress(id);
  }
}
