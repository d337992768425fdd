import type { DataSource } from 'typeorm';
import { readDbTime, sql } from '../../common/db/sql-dialect';
import type { EventType } from '../../events/event-types';
import type { KindAction, KindCampaign, RecipientPageRow } from '../kind-definition';

// Small helpers the kinds' report parts share: recipients.csv pages, dashboard groups, actions.

export const yes = (b: boolean): string => (b ? 'yes' : 'no');
export const isoOrEmpty = (v: unknown): string => (v === null || v === undefined ? '' : readDbTime(v).toISOString());
export const num = (v: unknown): number => Number(v ?? 0);

/** Runs `text` with `(#)` standing for the page's subscriber ids, bound after `params`. */
export async function forPage<T>(
  ds: DataSource,
  text: string,
  params: unknown[],
  page: RecipientPageRow[],
): Promise<T[]> {
  const ids = page.map((r) => r.subscriberId);
  if (ids.length === 0) return [];
  return ds.query(sql(ds, text.replace('(#)', `(${ids.map(() => '?').join(', ')})`)), [...params, ...ids]);
}

/** Rows grouped by their subscriber_id. */
export function bySubscriber<T extends { subscriber_id: unknown }>(rows: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const r of rows) map.set(Number(r.subscriber_id), [...(map.get(Number(r.subscriber_id)) ?? []), r]);
  return map;
}

/** One row of columns per recipient of the page. */
export function fillPage(page: RecipientPageRow[], row: (r: RecipientPageRow) => unknown[]): Map<number, unknown[]> {
  return new Map(page.map((r) => [r.subscriberId, row(r)]));
}

/** A `... WHERE campaign_id IN (#) GROUP BY campaign_id` query over the campaigns, by campaign id; `params` bind after the ids. */
export async function groupedByCampaign(
  ds: DataSource,
  targets: Array<KindCampaign<object>>,
  text: string,
  params: unknown[] = [],
): Promise<Map<number, Record<string, unknown>>> {
  if (targets.length === 0) return new Map();
  const ids = targets.map((t) => t.campaign.id);
  const rows: Array<Record<string, unknown>> = await ds.query(
    sql(ds, text.replace('#', ids.map(() => '?').join(', '))),
    [...ids, ...params],
  );
  return new Map(rows.map((r) => [Number(r.campaign_id), r]));
}

/** "Acted" as events of the campaign of some types. */
export function actionOfCampaign(campaignId: number, label: string, eventTypes: EventType[]): KindAction {
  return {
    label,
    eventTypes,
    where: `e.campaign_id = ? AND e.type IN (${eventTypes.map((t) => `'${t}'`).join(', ')})`,
    params: [campaignId],
  };
}
