import { ApiProperty } from '@nestjs/swagger';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sql } from '../../common/db/sql-dialect';
import type { NpsClassCounts } from '../../scores/value-model';
import { KindRecipientResolver, rate } from '../common/kind-recipient';
import { pollAnswers } from './poll.content';

export class PollAnswerCount {
  @ApiProperty() value: string;
  @ApiProperty() label: string;
  @ApiProperty() count: number;
}

export class PollNps {
  @ApiProperty({ description: '−100..100' }) score: number;
  @ApiProperty() promoters: number;
  @ApiProperty() passives: number;
  @ApiProperty() detractors: number;
}

export class PollComment {
  @ApiProperty() value: string;
  @ApiProperty() comment: string;
  @ApiProperty() answeredAt: Date;
}

export class PollReport {
  @ApiProperty() campaignId: number;
  @ApiProperty({ enum: ['nps', 'csat', 'choice', 'yesno'] }) type: string;
  @ApiProperty() question: string;
  @ApiProperty() sent: number;
  @ApiProperty() answers: number;
  @ApiProperty() responseRate: number;
  @ApiProperty({ type: [PollAnswerCount] }) distribution: PollAnswerCount[];
  @ApiProperty({ nullable: true, type: PollNps }) nps: PollNps | null;
  @ApiProperty({ nullable: true, type: Number }) csatAverage: number | null;
  @ApiProperty({ type: [PollComment] }) comments: PollComment[];
}

/** NPS = % promoters (9-10) − % detractors (0-6), on the current answers; none without answers (0 would read as "neutral"). */
export function npsOf(values: number[]): PollReport['nps'] {
  if (values.length === 0) return null;
  const promoters = values.filter((v) => v >= 9).length;
  const detractors = values.filter((v) => v <= 6).length;
  return npsOfCounts({ promoters, passives: values.length - promoters - detractors, detractors });
}

/** npsOf from answers already counted per class; one decimal, as the poll report shows it. */
export function npsOfCounts(counts: NpsClassCounts): NonNullable<PollReport['nps']> {
  const answers = counts.promoters + counts.passives + counts.detractors;
  const score = answers === 0 ? 0 : Math.round(((counts.promoters - counts.detractors) / answers) * 1000) / 10;
  return { score, ...counts };
}

@Injectable()
export class PollReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recipients: KindRecipientResolver,
  ) {}

  async report(campaignId: number): Promise<PollReport> {
    const { content } = await this.recipients.campaignOf(campaignId, 'poll');
    const ds = this.dataSource;
    const rows: Array<{ value: string; comment: string | null; answered_at: Date }> = await ds.query(
      sql(ds, 'SELECT value, comment, answered_at FROM poll_answers WHERE campaign_id = ? ORDER BY answered_at DESC'),
      [campaignId],
    );
    const sent = await this.recipients.sentCount(campaignId);
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.value, (counts.get(r.value) ?? 0) + 1);
    const numbers = rows.map((r) => Number(r.value));
    const csat =
      content.type === 'csat' && numbers.length
        ? Math.round((numbers.reduce((a, b) => a + b, 0) / numbers.length) * 100) / 100
        : null;
    return {
      campaignId,
      type: content.type,
      question: content.question,
      sent,
      answers: rows.length,
      responseRate: rate(rows.length, sent),
      distribution: pollAnswers(content).map((a) => ({
        value: a.value,
        label: a.label,
        count: counts.get(a.value) ?? 0,
      })),
      nps: content.type === 'nps' ? npsOf(numbers) : null,
      csatAverage: csat,
      comments: rows
        .filter((r) => r.comment)
        .map((r) => ({ value: r.value, comment: r.comment as string, answeredAt: new Date(r.answered_at) })),
    };
  }
}
