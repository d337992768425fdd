import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AdminController } from '../../common/admin-controller.decorator';
import { BuildDashboard } from './build-dashboard';
import { DashboardDto } from './dashboard.dto';

@AdminController('dashboard', 'reports')
export class DashboardController {
  constructor(private readonly dashboard: BuildDashboard) {}

  @Get()
  @ApiOperation({
    summary:
      "The marketer's overview in one call: recent campaigns with their key figures, subscribers over 90 days, NPS over 12 months, average value dimensions, what needs attention",
  })
  @ApiOkResponse({ type: DashboardDto })
  get(): Promise<DashboardDto> {
    return this.dashboard.execute();
  }
}
