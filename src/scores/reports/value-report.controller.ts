import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AdminController } from '../../common/admin-controller.decorator';
import { AudienceValueReport } from './audience-value-report';
import { ValueReportDto, ValueReportQueryDto } from './value-report.dto';
import { IdParam } from '../../common/whole-number';

const SUMMARY =
  'Size over time, NPS over time, LTV distribution, average value, engagement bands, top and at-risk subscribers';

@AdminController('lists', 'scores')
export class ListValueReportController {
  constructor(private readonly reports: AudienceValueReport) {}

  @Get(':id/report')
  @ApiOperation({ summary: SUMMARY })
  @ApiOkResponse({ type: ValueReportDto })
  report(@IdParam() id: number, @Query() query: ValueReportQueryDto): Promise<ValueReportDto> {
    return this.reports.forList(id, query.bucket, query.limit);
  }
}

@AdminController('segments', 'scores')
export class SegmentValueReportController {
  constructor(private readonly reports: AudienceValueReport) {}

  @Get(':id/report')
  @ApiOperation({ summary: SUMMARY })
  @ApiOkResponse({ type: ValueReportDto })
  report(@IdParam() id: number, @Query() query: ValueReportQueryDto): Promise<ValueReportDto> {
    return this.reports.forSegment(id, query.bucket, query.limit);
  }
}
