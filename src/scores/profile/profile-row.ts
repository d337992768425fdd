import type { ScoreSettings } from '../../config/app-config';
import { readDbTime } from '../../common/db/sql-dialect';
import { npsClassOf } from '../value-model';
import {
  anchorOf,
  emptyProfile,
  halfLifeOf,
  InterestState,
  ltvOf,
  SCORE_NAMES,
  TrialStatus,
  ValueProfile,
} from './value-profile';

// How a profile is stored: one value_profiles row and one value_interests row
// per topic. Both write paths (incremental, recompute) go through toRow, so a
// stored profile is a function of the fold state and the settings only.

export const PROFILE_COLUMNS = [
  'subscriber_id',
  ...SCORE_NAMES.flatMap((s) => [`${s}_sum`, `${s}_at`, `${s}_anchor`]),
  'interactions',
  'nps_score',
  'nps_class',
  'nps_at',
  'nps_campaign_id',
  'csat_score',
  'csat_at',
  'csat_campaign_id',
  'order_count',
  'revenue_cents',
  'first_order_at',
  'last_order_at',
  'ltv',
  'loyalty_balance',
  'trial_status',
  'trial_at',
  'last_event_id',
] as const;

export const INTEREST_COLUMNS = [
  'subscriber_id',
  'topic',
  'interest_sum',
  'interest_at',
  'interest_anchor',
  'clicks',
  'last_click_at',
] as const;

export type Row = Record<string, unknown>;

/** A time parameter for raw SQL: a Date for PostgreSQL, UTC text for SQLite (as dbTime writes it). */
export function timeParam(postgres: boolean, ms: number | null): Date | string | null {
  if (ms === null) return null;
  const date = new Date(ms);
  if (postgres) return date;
  const text = date.toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 23)}`;
}

const DIGITS = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/;

/** A stored time in epoch ms; SQLite's own format is parsed by hand (the recompute reads millions). */
export function readMillis(value: unknown): number {
  if (typeof value === 'string' && value.length === 23 && DIGITS.test(value)) {
    const n = (from: number, to: number) => Number(value.slice(from, to));
    return Date.UTC(n(0, 4), n(5, 7) - 1, n(8, 10), n(11, 13), n(14, 16), n(17, 19), n(20, 23));
  }
  return readDbTime(value).getTime();
}

const millisOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : readMillis(value);
const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export function profileToRow(p: ValueProfile, settings: ScoreSettings, postgres: boolean): unknown[] {
  const row: unknown[] = [p.subscriberId];
  for (const name of SCORE_NAMES) {
    const d = p.scores[name];
    row.push(d.sum, timeParam(postgres, d.at), anchorOf(d, halfLifeOf(name, settings)));
  }
  row.push(p.interactions);
  row.push(
    p.nps?.score ?? null,
    p.nps ? npsClassOf(p.nps.score) : null,
    timeParam(postgres, p.nps?.at ?? null),
    p.nps?.campaignId ?? null,
  );
  row.push(p.csat?.score ?? null, timeParam(postgres, p.csat?.at ?? null), p.csat?.campaignId ?? null);
  const o = p.orders;
  row.push(
    o.count,
    o.revenueCents,
    timeParam(postgres, o.firstAt),
    timeParam(postgres, o.lastAt),
    ltvOf(o, settings).value,
  );
  row.push(p.loyaltyBalance);
  row.push(p.trial.status, timeParam(postgres, p.trial.at));
  row.push(p.lastEventId);
  return row;
}

export function interestToRow(
  subscriberId: number,
  topic: string,
  i: InterestState,
  settings: ScoreSettings,
  postgres: boolean,
): unknown[] {
  return [
    subscriberId,
    topic,
    i.sum,
    timeParam(postgres, i.at),
    anchorOf(i, settings.interestHalfLifeDays),
    i.clicks,
    timeParam(postgres, i.lastClickAt),
  ];
}

/** The fold state of a stored row (derived columns — anchors, class, LTV — are recomputed on write). */
export function profileFromRow(row: Row): ValueProfile {
  const p = emptyProfile(Number(row.subscriber_id));
  for (const name of SCORE_NAMES)
    p.scores[name] = { sum: Number(row[`${name}_sum`]), at: millisOrNull(row[`${name}_at`]) };
  p.interactions = Number(row.interactions);
  if (row.nps_score !== null && row.nps_score !== undefined) {
    p.nps = { score: Number(row.nps_score), at: readMillis(row.nps_at), campaignId: numberOrNull(row.nps_campaign_id) };
  }
  if (row.csat_score !== null && row.csat_score !== undefined) {
    p.csat = {
      score: Number(row.csat_score),
      at: readMillis(row.csat_at),
      campaignId: numberOrNull(row.csat_campaign_id),
    };
  }
  p.orders = {
    count: Number(row.order_count),
    revenueCents: Number(row.revenue_cents),
    firstAt: millisOrNull(row.first_order_at),
    lastAt: millisOrNull(row.last_order_at),
  };
  p.loyaltyBalance = Number(row.loyalty_balance);
  p.trial = { status: row.trial_status as TrialStatus, at: millisOrNull(row.trial_at) };
  p.lastEventId = Number(row.last_event_id);
  return p;
}

export function interestFromRow(row: Row): [string, InterestState] {
  return [
    String(row.topic),
    {
      sum: Number(row.interest_sum),
      at: readMillis(row.interest_at),
      clicks: Number(row.clicks),
      lastClickAt: readMillis(row.last_click_at),
    },
  ];
}
