import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { campaignUnsubscribeSource } from '../../audience/unsubscribe/unsubscribe.service';
import type { Campaign } from '../../campaigns/campaign.entity';
import { dbBool, dbTime, jsonNumber, jsonText, readDbTime, sql, utcHour } from '../../common/db/sql-dialect';
import type { EventType } from '../../events/event-types';
import { DELIVERY_STATUSES, DeliveryStatus } from '../../sending/delivery.entity';
import type { HourlyCount } from './hourly-series';
import type { KindAction } from './kind-action';
import { VALUED_EVENT_TYPES } from './value-delivered';

export interface DeliveryFigures {
  byStatus: Record<DeliveryStatus, number>;
  recipients: number;
  hardBounces: number;
  softBounces: number;
  complaints: number;
}

export interface EngagementFigures {
  humanOpeners: number;
  machineOnlyOpeners: number;
  humanOpens: number;
  machineOpens: number;
  humanClickers: number;
  humanClicks: number;
  machineClicks: number;
}

export interface RevenueRow {
  type: 'conversion' | 'purchase';
  currency: string | null;
  count: number;
  amount: number;
}

// `CASE WHEN e.machine` reads the flag as a boolean on both drivers (0/1 on SQLite).
const HUMAN = 'CASE WHEN e.machine THEN 0 ELSE 1 END';
const MACHINE = 'CASE WHEN e.machine THEN 1 ELSE 0 END';
const placeholders = (values: unknown[]): string => values.map(() => '?').join(', ');

/**
 * The campaign report's figures, each one aggregate query (COUNT DISTINCT,
 * GROUP BY) over the campaign's rows: nothing per recipient reaches JavaScript.
 */
@Injectable()
export class CampaignFiguresQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async deliveries(campaignId: number): Promise<DeliveryFigures> {
    const rows = await this.query<{ status: DeliveryStatus; bounce: string | null; n: unknown }>(
      'SELECT status, bounce, COUNT(*) AS n FROM deliveries WHERE campaign_id = ? GROUP BY status, bounce',
      [campaignId],
    );
    const byStatus = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as Record<DeliveryStatus, number>;
    const bounces = { hard: 0, soft: 0, complaint: 0 };
    for (const r of rows) {
      byStatus[r.status] = (byStatus[r.status] ?? 0) + Number(r.n);
      if (r.bounce === 'hard' || r.bounce === 'soft' || r.bounce === 'complaint') bounces[r.bounce] += Number(r.n);
    }
    const recipients = Object.values(byStatus).reduce((a, b) => a + b, 0);
    return {
      byStatus,
      recipients,
      hardBounces: bounces.hard,
      softBounces: bounces.soft,
      complaints: bounces.complaint,
    };
  }

  /** Opens and clicks per delivery first, then counted: a recipient is a human opener when any open was human. */
  async engagement(campaignId: number): Promise<EngagementFigures> {
    // Opted-out recipients' events carry no delivery: in the totals, not among the unique recipients.
    const rows = await this.query<{
      kind: string;
      human_unique: unknown;
      machine_only: unknown;
      human_total: unknown;
      machine_total: unknown;
    }>(
      `SELECT t.kind,
         SUM(CASE WHEN t.delivery_id IS NOT NULL AND t.human > 0 THEN 1 ELSE 0 END) AS human_unique,
         SUM(CASE WHEN t.delivery_id IS NOT NULL AND t.human = 0 THEN 1 ELSE 0 END) AS machine_only,
         SUM(t.human) AS human_total, SUM(t.machine) AS machine_total
       FROM (SELECT CASE WHEN e.type = 'open' THEN 'open' ELSE 'click' END AS kind, e.delivery_id, SUM(${HUMAN}) AS human, SUM(${MACHINE}) AS machine
             FROM events e WHERE e.campaign_id = ? AND e.type IN ('open', 'click', 'knowledge_click')
             GROUP BY CASE WHEN e.type = 'open' THEN 'open' ELSE 'click' END, e.delivery_id) t
       GROUP BY t.kind`,
      [campaignId],
    );
    const of = (kind: string) => rows.find((r) => r.kind === kind);
    const n = (v: unknown) => Number(v ?? 0);
    const opens = of('open');
    const clicks = of('click');
    return {
      humanOpeners: n(opens?.human_unique),
      machineOnlyOpeners: n(opens?.machine_only),
      humanOpens: n(opens?.human_total),
      machineOpens: n(opens?.machine_total),
      humanClickers: n(clicks?.human_unique),
      humanClicks: n(clicks?.human_total),
      machineClicks: n(clicks?.machine_total),
    };
  }

  /**
   * Per campaign, recipients with at least one human open and with at least one
   * human click: `engagement`'s humanOpeners and humanClickers alone. Counted
   * along (campaign_id, type, machine, delivery_id) in index order, without
   * grouping every delivery first: a tenth of the time on a large campaign.
   */
  async humanReachOf(campaignIds: number[]): Promise<Map<number, { openers: number; clickers: number }>> {
    const result = new Map(campaignIds.map((id) => [id, { openers: 0, clickers: 0 }]));
    if (campaignIds.length === 0) return result;
    const human = dbBool(this.dataSource, false);
    for (const [figure, types] of [
      ['openers', "'open'"],
      ['clickers', "'click', 'knowledge_click'"],
    ] as const) {
      const rows = await this.query<{ campaign_id: unknown; n: unknown }>(
        `SELECT e.campaign_id, COUNT(DISTINCT e.delivery_id) AS n FROM events e
         WHERE e.campaign_id IN (${placeholders(campaignIds)}) AND e.type IN (${types}) AND e.machine = ? GROUP BY e.campaign_id`,
        [...campaignIds, human],
      );
      for (const r of rows) {
        const reach = result.get(Number(r.campaign_id));
        if (reach) reach[figure] = Number(r.n ?? 0);
      }
    }
    return result;
  }

  /** Unique recipients who did the kind's action (people only). */
  async acted(campaignId: number, action: KindAction): Promise<number> {
    return (await this.actedOf(new Map([[campaignId, action]]))).get(campaignId) ?? 0;
  }

  /**
   * Recipients who acted from a link of the mail (the act carries its delivery;
   * a redemption in the shop does not) but have no human open (or click) of the
   * campaign: they opened and clicked it, whatever the pixel saw.
   */
  async actedWithout(campaignId: number, action: KindAction, what: 'open' | 'click'): Promise<number> {
    const human = dbBool(this.dataSource, false);
    const types = what === 'open' ? "'open'" : "'click', 'knowledge_click'";
    const [row] = await this.query<{ n: unknown }>(
      `SELECT COUNT(DISTINCT e.subscriber_id) AS n FROM events e
       WHERE ${action.where} AND e.machine = ? AND e.delivery_id IS NOT NULL
         AND EXISTS (SELECT 1 FROM deliveries d WHERE d.campaign_id = ? AND d.subscriber_id = e.subscriber_id)
         AND NOT EXISTS (SELECT 1 FROM events o WHERE o.campaign_id = ? AND o.subscriber_id = e.subscriber_id AND o.type IN (${types}) AND o.machine = ?)`,
      [...action.params, human, campaignId, campaignId, human],
    );
    return Number(row?.n ?? 0);
  }

  /** `acted` of several campaigns, each with its kind's action, in one statement. */
  async actedOf(actions: Map<number, KindAction>): Promise<Map<number, number>> {
    const result = new Map<number, number>([...actions.keys()].map((id) => [id, 0]));
    if (actions.size === 0) return result;
    const human = dbBool(this.dataSource, false);
    // A recipient of the campaign: probed per acting event through (campaign_id, subscriber_id),
    // instead of first collecting every recipient of a large campaign.
    const parts = [...actions].map(([id, action]) => ({
      text: `SELECT ${Number(id)} AS campaign_id, COUNT(DISTINCT e.subscriber_id) AS n FROM events e
        WHERE ${action.where} AND e.machine = ? AND EXISTS (SELECT 1 FROM deliveries d WHERE d.campaign_id = ? AND d.subscriber_id = e.subscriber_id)`,
      params: [...action.params, human, id],
    }));
    const rows = await this.query<{ campaign_id: unknown; n: unknown }>(
      parts.map((p) => p.text).join(' UNION ALL '),
      parts.flatMap((p) => p.params),
    );
    for (const r of rows) result.set(Number(r.campaign_id), Number(r.n ?? 0));
    return result;
  }

  /** Human events of the campaign that carry value, counted by type. */
  async valuedEvents(campaignId: number): Promise<Partial<Record<EventType, number>>> {
    const rows = await this.query<{ type: EventType; n: unknown }>(
      `SELECT e.type, COUNT(*) AS n FROM events e WHERE e.campaign_id = ? AND e.machine = ? AND e.type IN (${VALUED_EVENT_TYPES.map((t) => `'${t}'`).join(', ')}) GROUP BY e.type`,
      [campaignId, dbBool(this.dataSource, false)],
    );
    return Object.fromEntries(rows.map((r) => [r.type, Number(r.n)]));
  }

  async hourly(campaignId: number, from: Date, to: Date): Promise<HourlyCount[]> {
    const ds = this.dataSource;
    const hour = utcHour(ds, 'e.occurred_at');
    const kind = "CASE WHEN e.type = 'open' THEN 'open' ELSE 'click' END";
    const rows = await this.query<{ hour: unknown; kind: 'open' | 'click'; machine: unknown; n: unknown }>(
      `SELECT ${hour} AS hour, ${kind} AS kind, ${MACHINE} AS machine, COUNT(*) AS n FROM events e
       WHERE e.campaign_id = ? AND e.type IN ('open', 'click', 'knowledge_click') AND e.occurred_at >= ? AND e.occurred_at < ?
       GROUP BY ${hour}, ${kind}, ${MACHINE}`,
      [campaignId, dbTime(ds, from), dbTime(ds, to)],
    );
    return rows.map((r) => ({
      hour: readDbTime(r.hour),
      kind: r.kind,
      machine: Number(r.machine) === 1,
      count: Number(r.n),
    }));
  }

  /** Recipients who unsubscribed through this campaign's mail (link, one-click or mailto), once each. */
  async unsubscribes(campaign: Campaign): Promise<number> {
    const [row] = await this.query<{ n: unknown }>(
      `SELECT COUNT(DISTINCT c.subscriber_id) AS n FROM consent_records c
       WHERE c.action = 'unsubscribe' AND c.source IN (?, ?) AND c.subscriber_id IN (SELECT d.subscriber_id FROM deliveries d WHERE d.campaign_id = ?)`,
      [campaignUnsubscribeSource(campaign.id, 'link'), campaignUnsubscribeSource(campaign.id, 'mailto'), campaign.id],
    );
    return Number(row?.n ?? 0);
  }

  /** Conversions and purchases credited to the campaign (last touch), summed per currency. */
  async revenue(campaignId: number): Promise<RevenueRow[]> {
    return (await this.revenueOf([campaignId])).get(campaignId) ?? [];
  }

  /** `revenue` of several campaigns in one grouped query. */
  async revenueOf(campaignIds: number[]): Promise<Map<number, RevenueRow[]>> {
    const result = new Map<number, RevenueRow[]>(campaignIds.map((id) => [id, []]));
    if (campaignIds.length === 0) return result;
    const ds = this.dataSource;
    const currency = jsonText(ds, 'e.data', 'currency');
    const rows = await this.query<{
      campaign_id: unknown;
      type: 'conversion' | 'purchase';
      currency: string | null;
      n: unknown;
      amount: unknown;
    }>(
      `SELECT e.campaign_id, e.type, ${currency} AS currency, COUNT(*) AS n, COALESCE(SUM(${jsonNumber(ds, 'e.data', 'amount')}), 0) AS amount FROM events e
       WHERE e.campaign_id IN (${placeholders(campaignIds)}) AND e.type IN ('conversion', 'purchase') AND e.machine = ? GROUP BY e.campaign_id, e.type, ${currency}`,
      [...campaignIds, dbBool(ds, false)],
    );
    for (const r of rows) {
      result.get(Number(r.campaign_id))?.push({
        type: r.type,
        currency: r.currency ?? null,
        count: Number(r.n),
        amount: Math.round(Number(r.amount) * 100) / 100,
      });
    }
    return result;
  }

  private query<T = Record<string, unknown>>(text: string, params: unknown[]): Promise<T[]> {
    return this.dataSource.query(sql(this.dataSource, text), params);
  }
}
