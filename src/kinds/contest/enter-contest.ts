import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { dbTime, execute, sql } from '../../common/db/sql-dialect';
import { EventWriter } from '../../events/event-writer';
import type { LinkClaims } from '../../links/link-token.service';
import { generateCode } from '../common/code.generator';
import type { ContestContent } from './contest.content';

export type ContestPhase = 'not_started' | 'open' | 'ended';

export type EntryOutcome =
  { result: 'entered' | 'already_entered'; referralCode: string } | { result: 'not_open'; phase: ContestPhase };

/** One entry per subscriber: the UNIQUE index decides, so 100 racing posts make one entry. */
@Injectable()
export class EnterContest {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventWriter,
    private readonly clock: Clock,
  ) {}

  phase(content: ContestContent): ContestPhase {
    const now = this.clock.now().getTime();
    if (now < new Date(content.startsAt).getTime()) return 'not_started';
    return now < new Date(content.endsAt).getTime() ? 'open' : 'ended';
  }

  async entryOf(
    campaignId: number,
    subscriberId: number,
  ): Promise<{ referral_code: string; bonus_entries: number } | undefined> {
    const ds = this.dataSource;
    const [row] = await ds.query(
      sql(ds, 'SELECT referral_code, bonus_entries FROM contest_entries WHERE campaign_id = ? AND subscriber_id = ?'),
      [campaignId, subscriberId],
    );
    return row;
  }

  async enter(claims: LinkClaims, content: ContestContent, answer: string | null): Promise<EntryOutcome> {
    const existing = await this.entryOf(claims.campaignId, claims.subscriberId);
    if (existing) return { result: 'already_entered', referralCode: existing.referral_code };
    const phase = this.phase(content);
    if (phase !== 'open') return { result: 'not_open', phase };
    const ds = this.dataSource;
    const now = this.clock.now();
    const referralCode = generateCode('XXXXXXXXXX');
    const inserted = await execute(
      ds,
      `INSERT INTO contest_entries (campaign_id, subscriber_id, delivery_id, answer, referral_code, bonus_entries, entered_at)
      VALUES (?, ?, ?, ?, ?, 0, ?) ON CONFLICT (campaign_id, subscriber_id) DO NOTHING`,
      [claims.campaignId, claims.subscriberId, claims.deliveryId, answer, referralCode, dbTime(ds, now)],
    );
    if (inserted !== 1) {
      const winner = await this.entryOf(claims.campaignId, claims.subscriberId);
      return { result: 'already_entered', referralCode: winner?.referral_code ?? '' };
    }
    await this.events.record({
      type: 'contest_entered',
      ...claims,
      occurredAt: now,
      data: answer ? { answer } : {},
      dedupeKey: `contest:${claims.campaignId}:${claims.subscriberId}`,
    });
    return { result: 'entered', referralCode };
  }
}
