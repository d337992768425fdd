import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { dbBool, dbTime, execute, sql } from '../../common/db/sql-dialect';
import { EventWriter } from '../../events/event-writer';
import type { Translator } from '../../i18n/translator';
import type { LinkClaims } from '../../links/link-token.service';
import { pollAnswers, PollContent } from './poll.content';

export type PollAnswerOutcome =
  { ok: true; label: string } | { ok: false; reason: 'closed' | 'invalid' | 'not_answered' };

/** Records a poll answer (the last one counts) and the optional comment. */
@Injectable()
export class AnswerPoll {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventWriter,
    private readonly clock: Clock,
  ) {}

  /** `at`: when the person clicked (an answer clicked before the close counts, though it is done a few seconds later). */
  isClosed(content: PollContent, at: Date = this.clock.now()): boolean {
    return !!content.closesAt && new Date(content.closesAt).getTime() <= at.getTime();
  }

  labelOf(content: PollContent, value: string, t?: Translator): string | undefined {
    return pollAnswers(content, t).find((a) => a.value === value)?.label;
  }

  /** `at`: when the person clicked (a one-click answer is done after the scanner rules have judged it). */
  async answer(
    claims: LinkClaims,
    content: PollContent,
    value: string,
    t?: Translator,
    at?: Date,
  ): Promise<PollAnswerOutcome> {
    const label = this.labelOf(content, value, t);
    if (label === undefined) return { ok: false, reason: 'invalid' };
    const now = at ?? this.clock.now();
    if (this.isClosed(content, now)) return { ok: false, reason: 'closed' };
    const ds = this.dataSource;
    // The first answer is the act that counts; a changed answer is a repeat that only replaces the value.
    const [earlier] = await ds.query(
      sql(ds, "SELECT 1 AS x FROM events WHERE delivery_id = ? AND type = 'poll_answered' AND machine = ? LIMIT 1"),
      [claims.deliveryId, dbBool(ds, false)],
    );
    // One row per recipient, database-unique; a later click replaces the value.
    await execute(
      ds,
      `INSERT INTO poll_answers (campaign_id, subscriber_id, delivery_id, value, answered_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (campaign_id, subscriber_id) DO UPDATE SET value = excluded.value, answered_at = excluded.answered_at, delivery_id = excluded.delivery_id`,
      [claims.campaignId, claims.subscriberId, claims.deliveryId, value, dbTime(ds, now)],
    );
    await this.events.record({
      type: 'poll_answered',
      ...claims,
      occurredAt: now,
      data: { value, pollType: content.type },
      repeat: !!earlier,
    });
    return { ok: true, label };
  }

  async comment(claims: LinkClaims, content: PollContent, text: string): Promise<PollAnswerOutcome> {
    if (this.isClosed(content)) return { ok: false, reason: 'closed' };
    const now = this.clock.now();
    const changed = await execute(
      this.dataSource,
      'UPDATE poll_answers SET comment = ? WHERE campaign_id = ? AND subscriber_id = ?',
      [text, claims.campaignId, claims.subscriberId],
    );
    if (changed !== 1) return { ok: false, reason: 'not_answered' };
    await this.events.record({ type: 'poll_commented', ...claims, occurredAt: now, data: { comment: text } });
    return { ok: true, label: '' };
  }
}
