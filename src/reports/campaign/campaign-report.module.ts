import { Module } from '@nestjs/common';
import { KindsModule } from '../../kinds/kinds.module';
import { BuildCampaignReport } from './build-campaign-report';
import { CampaignFiguresQuery } from './campaign-figures.query';
import { CampaignReportController } from './campaign-report.controller';
import { ExportCampaignReportCsv } from './export-campaign-report-csv';
import { ExportRecipientsCsv } from './export-recipients-csv';

/**
 * The campaign report is a read model over sending, tracking, the event log,
 * the kinds and the value model. It lives under src/reports, depending on all
 * of them with nothing depending on it; inside src/campaigns it would make the
 * campaigns module (which the kinds' demo and the sender build on) import
 * every kind.
 */
@Module({
  imports: [KindsModule],
  controllers: [CampaignReportController],
  providers: [BuildCampaignReport, CampaignFiguresQuery, ExportCampaignReportCsv, ExportRecipientsCsv],
  exports: [CampaignFiguresQuery],
})
export class CampaignReportModule {}
