import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { dbBool, dbTime, readDbTime, sql } from '../common/db/sql-dialect';
import { EffectiveSettings } from '../settings/effective-settings';
import type { EventType } from './event-types';

// Acting on a campaign's link or offer: what earns it the credit for a later
// conversion or purchase. Opens do not (a prefetch is not a decision).
export const ACTION_EVENT_TYPES: readonly EventType[] = [
  'click',
  'knowledge_click',
  'coupon_redeemed',
  'trial_started',
  'service_requested',
  'poll_answered',
  'gift_claimed',
  'contest_entered',
  'bonus_collected',
  'points_redeemed',
];

export interface Attribution {
  campaignId: number;
  eventId: number;
  eventType: string;
  at: Date;
}

const DAY_MS = 86_400_000;

/** Last-touch attribution: the latest human action on a campaign within the window before the moment. */
@Injectable()
export class AttributionFinder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: EffectiveSettings,
  ) {}

  async lastTouch(db: EntityManager, subscriberId: number, at: Date): Promise<Attribution | null> {
    const ds = this.dataSource;
    const since = new Date(at.getTime() - (await this.settings.tracking()).attributionWindowDays * DAY_MS);
    const rows: Array<{ id: unknown; campaign_id: unknown; type: string; occurred_at: unknown }> = await db.query(
      sql(
        ds,
        `SELECT id, campaign_id, type, occurred_at FROM events
        WHERE subscriber_id = ? AND occurred_at <= ? AND occurred_at >= ? AND campaign_id IS NOT NULL AND machine = ?
          AND type IN (${ACTION_EVENT_TYPES.map(() => '?').join(',')})
        ORDER BY occurred_at DESC, id DESC LIMIT 1`,
      ),
      [subscriberId, dbTime(ds, at), dbTime(ds, since), dbBool(ds, false), ...ACTION_EVENT_TYPES],
    );
    const row = rows[0];
    if (!row) return null;
    const when = readDbTime(row.occurred_at);
    return { campaignId: Number(row.campaign_id), eventId: Number(row.id), eventType: row.type, at: when };
  }
}
