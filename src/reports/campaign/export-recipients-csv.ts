import { Injectable, StreamableFile } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { neutraliseCell } from '../../audience/exports/csv-cell';
import { VALUE_DIMENSIONS } from '../../campaigns/campaign-kind';
import type { Campaign } from '../../campaigns/campaign.entity';
import { dbBool, readDbTime, sql } from '../../common/db/sql-dialect';
import { BuildCampaignReport } from './build-campaign-report';
import { kindActionOf } from './kind-action';
import type { RecipientPageRow } from '../../kinds/kind-definition';
import { KindRegistry } from '../../kinds/kind-registry';
import { dimensionValues, strengthSumSql } from './value-delivered';

const PAGE = 1000;

interface DeliveryRow {
  subscriber_id: unknown;
  status: string;
  bounce: string | null;
  sent_at: unknown;
  kind_data: string | Record<string, unknown> | null;
  email: string | null;
  name: string | null;
}

interface EngagementRow {
  subscriber_id: unknown;
  opens: unknown;
  first_open: unknown;
  clicks: unknown;
  strength: unknown;
}

const iso = (v: unknown): string => (v === null || v === undefined ? '' : readDbTime(v).toISOString());
const parse = (v: DeliveryRow['kind_data']): Record<string, unknown> | null =>
  typeof v === 'string' ? (JSON.parse(v) as Record<string, unknown>) : v;
const cell = (v: unknown): string => (typeof v === 'number' ? String(v) : neutraliseCell(v));

/**
 * GET /api/campaigns/:id/recipients.csv: one row per delivery with what the
 * recipient did and received. Streamed a page of 1,000 deliveries at a time
 * (keyset on the (campaign, subscriber) index), each page's figures in a few
 * grouped queries over those recipients only: constant memory at any size.
 */
@Injectable()
export class ExportRecipientsCsv {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: BuildCampaignReport,
    private readonly kinds: KindRegistry,
  ) {}

  async execute(id: number): Promise<StreamableFile> {
    const campaign = await this.reports.campaign(id);
    const stream = Readable.from(this.records(campaign)).pipe(stringify({ bom: true, record_delimiter: 'windows' }));
    return new StreamableFile(stream, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="campaign-${id}-recipients.csv"`,
    });
  }

  private async *records(campaign: Campaign): AsyncGenerator<string[]> {
    const { kind, target } = this.kinds.of(campaign);
    const outcomes = kind.recipientColumns;
    yield [
      'email',
      'name',
      'delivery_status',
      'bounce',
      'sent_at',
      'opened',
      'first_open_at',
      'opens',
      'clicked',
      'clicks',
      'acted',
      ...outcomes.header,
      'value_delivered',
      ...VALUE_DIMENSIONS.map((d) => `value_${d}`),
    ];
    const ds = this.dataSource;
    for (let after = 0; ;) {
      const deliveries: DeliveryRow[] = await ds.query(
        sql(
          ds,
          `SELECT d.subscriber_id, d.status, d.bounce, d.sent_at, d.kind_data, s.email, s.name
        FROM deliveries d LEFT JOIN subscribers s ON s.id = d.subscriber_id
        WHERE d.campaign_id = ? AND d.subscriber_id > ? ORDER BY d.subscriber_id LIMIT ${PAGE}`,
        ),
        [campaign.id, after],
      );
      if (deliveries.length === 0) return;
      const page: RecipientPageRow[] = deliveries.map((d) => ({
        subscriberId: Number(d.subscriber_id),
        kindData: parse(d.kind_data),
      }));
      const engagement = await this.engagement(campaign, page);
      const acted = await this.acted(campaign, page);
      const kindColumns = await outcomes.load(ds, campaign, target.content, page);
      for (const [i, d] of deliveries.entries()) {
        const subscriberId = page[i].subscriberId;
        const e = engagement.get(subscriberId);
        const opens = Number(e?.opens ?? 0);
        const clicks = Number(e?.clicks ?? 0);
        const values = dimensionValues(kind.valueWeights, Number(e?.strength ?? 0));
        const total = Math.round(VALUE_DIMENSIONS.reduce((sum, dim) => sum + values[dim], 0) * 10000) / 10000;
        yield [
          d.email ?? '',
          d.name ?? '',
          d.status,
          d.bounce ?? '',
          iso(d.sent_at),
          opens > 0 ? 'yes' : 'no',
          iso(e?.first_open),
          opens,
          clicks > 0 ? 'yes' : 'no',
          clicks,
          acted.has(subscriberId) ? 'yes' : 'no',
          ...(kindColumns.get(subscriberId) ?? outcomes.header.map(() => '')),
          total,
          ...VALUE_DIMENSIONS.map((dim) => values[dim]),
        ].map(cell);
      }
      if (deliveries.length < PAGE) return;
      after = page[page.length - 1].subscriberId;
    }
  }

  /** Human opens, clicks and value of one page of recipients. */
  private async engagement(campaign: Campaign, page: RecipientPageRow[]): Promise<Map<number, EngagementRow>> {
    const ds = this.dataSource;
    const ids = page.map((p) => p.subscriberId);
    const rows: EngagementRow[] = await ds.query(
      sql(
        ds,
        `SELECT e.subscriber_id,
        SUM(CASE WHEN e.type = 'open' THEN 1 ELSE 0 END) AS opens,
        MIN(CASE WHEN e.type = 'open' THEN e.occurred_at END) AS first_open,
        SUM(CASE WHEN e.type IN ('click', 'knowledge_click') THEN 1 ELSE 0 END) AS clicks,
        ${strengthSumSql()} AS strength
      FROM events e WHERE e.campaign_id = ? AND e.machine = ? AND e.subscriber_id IN (${ids.map(() => '?').join(', ')})
      GROUP BY e.subscriber_id`,
      ),
      [campaign.id, dbBool(ds, false), ...ids],
    );
    return new Map(rows.map((r) => [Number(r.subscriber_id), r]));
  }

  private async acted(campaign: Campaign, page: RecipientPageRow[]): Promise<Set<number>> {
    const ds = this.dataSource;
    const action = kindActionOf(this.kinds, ds, campaign);
    const ids = page.map((p) => p.subscriberId);
    const rows: Array<{ subscriber_id: unknown }> = await ds.query(
      sql(
        ds,
        `SELECT DISTINCT e.subscriber_id FROM events e
      WHERE ${action.where} AND e.machine = ? AND e.subscriber_id IN (${ids.map(() => '?').join(', ')})`,
      ),
      [...action.params, dbBool(ds, false), ...ids],
    );
    return new Set(rows.map((r) => Number(r.subscriber_id)));
  }
}
