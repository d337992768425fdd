import { Injectable, StreamableFile } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import { Readable } from 'node:stream';
import { neutraliseCell } from '../../audience/exports/csv-cell';
import { BuildCampaignReport } from './build-campaign-report';
import { reportRows } from './report-rows';

/** GET /api/campaigns/:id/report.csv: the same report as section,metric,value rows. */
@Injectable()
export class ExportCampaignReportCsv {
  constructor(private readonly reports: BuildCampaignReport) {}

  async execute(id: number): Promise<StreamableFile> {
    const report = await this.reports.execute(id);
    const rows = [
      ['section', 'metric', 'value'],
      ...reportRows(report).map((r) => r.map((v) => (typeof v === 'number' ? String(v) : neutraliseCell(v)))),
    ];
    const stream = Readable.from(rows).pipe(stringify({ bom: true, record_delimiter: 'windows' }));
    return new StreamableFile(stream, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="campaign-${id}-report.csv"`,
    });
  }
}
