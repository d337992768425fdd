import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { dbTime, execute, sql } from '../../common/db/sql-dialect';
import { EventWriter } from '../../events/event-writer';
import type { LinkClaims } from '../../links/link-token.service';
import type { DiscountContent } from './discount.content';

export interface TrialView {
  id: number;
  plan: string;
  endsAt: Date;
  already: boolean;
}

/** Starts one trial per recipient from the signed /t/ link. */
@Injectable()
export class StartTrial {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventWriter,
    private readonly clock: Clock,
  ) {}

  async existing(claims: LinkClaims): Promise<TrialView | undefined> {
    const ds = this.dataSource;
    const [row] = await ds.query(
      sql(ds, 'SELECT id, plan, ends_at FROM trials WHERE campaign_id = ? AND subscriber_id = ?'),
      [claims.campaignId, claims.subscriberId],
    );
    return row ? { id: Number(row.id), plan: row.plan, endsAt: new Date(row.ends_at), already: true } : undefined;
  }

  /** The trial a click starts, shown on the page before the act is judged and done. */
  preview(content: DiscountContent): TrialView {
    return {
      id: 0,
      plan: content.trialPlan ?? 'trial',
      endsAt: new Date(this.clock.now().getTime() + (content.trialDays ?? 14) * 86_400_000),
      already: false,
    };
  }

  /** `at`: when the person clicked (the act is done once the scanner rules have judged it). */
  async start(claims: LinkClaims, content: DiscountContent, at?: Date): Promise<TrialView> {
    const now = at ?? this.clock.now();
    const plan = content.trialPlan ?? 'trial';
    const endsAt = new Date(now.getTime() + (content.trialDays ?? 14) * 86_400_000);
    const ds = this.dataSource;
    const inserted = await execute(
      ds,
      `INSERT INTO trials (campaign_id, subscriber_id, delivery_id, plan, started_at, ends_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (campaign_id, subscriber_id) DO NOTHING`,
      [claims.campaignId, claims.subscriberId, claims.deliveryId, plan, dbTime(ds, now), dbTime(ds, endsAt)],
    );
    const trial = (await this.existing(claims))!;
    if (inserted !== 1) return trial;
    await this.events.record({
      type: 'trial_started',
      ...claims,
      occurredAt: now,
      data: { trialId: trial.id, plan, endsAt: endsAt.toISOString() },
      dedupeKey: `trial:${trial.id}`,
    });
    return { ...trial, already: false };
  }
}
