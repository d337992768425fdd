import { Get, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { AdminController } from '../../common/admin-controller.decorator';
import { BuildCampaignReport } from './build-campaign-report';
import { CampaignReport } from './campaign-report.types';
import { ExportCampaignReportCsv } from './export-campaign-report-csv';
import { ExportRecipientsCsv } from './export-recipients-csv';
import { IdParam } from '../../common/whole-number';

@AdminController('campaigns', 'reports')
export class CampaignReportController {
  constructor(
    private readonly report: BuildCampaignReport,
    private readonly reportCsv: ExportCampaignReportCsv,
    private readonly recipientsCsv: ExportRecipientsCsv,
  ) {}

  @Get(':id/report')
  @ApiOperation({
    summary:
      'Funnel, the kind’s figures, value delivered, hourly opens and clicks, deliverability and attributed revenue',
  })
  @ApiOkResponse({ type: CampaignReport })
  get(@IdParam() id: number): Promise<CampaignReport> {
    return this.report.execute(id);
  }

  @Get(':id/report.csv')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The campaign report as section,metric,value rows' })
  csv(@IdParam() id: number): Promise<StreamableFile> {
    return this.reportCsv.execute(id);
  }

  @Get(':id/recipients.csv')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'One row per delivery: status, opens, clicks, the kind’s outcome and the value delivered' })
  recipients(@IdParam() id: number): Promise<StreamableFile> {
    return this.recipientsCsv.execute(id);
  }
}
