import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan } from 'typeorm';
import { Clock } from '../../common/clock';
import { ErasureHooks } from '../subscribers/erasure-hooks';
import {
  MAX_FEEDBACK_NOTE,
  UNSUBSCRIBE_REASONS,
  UnsubscribeFeedback,
  UnsubscribeReason,
} from './unsubscribe-feedback.entity';

export interface FeedbackAnswer {
  subscriberId: number;
  listId: number | null;
  campaignId: number | null;
  reason: string | undefined;
  note: string | undefined;
}

export interface FeedbackSummary {
  total: number;
  byReason: Array<{ reason: UnsubscribeReason; count: number }>;
  /** The latest written notes, newest first. */
  notes: Array<{ reason: UnsubscribeReason; note: string; at: Date; campaignId: number | null }>;
}

/** A changed mind within this time replaces the answer instead of adding one. */
const AMEND_WITHIN_MS = 24 * 3_600_000;

export function isUnsubscribeReason(value: string | undefined): value is UnsubscribeReason {
  return UNSUBSCRIBE_REASONS.includes(value as UnsubscribeReason);
}

/** Why people leave: optional answers from the unsubscribe page, counted in the list report. */
@Injectable()
export class UnsubscribeFeedbackService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly erasure: ErasureHooks,
  ) {}

  onModuleInit(): void {
    // The reason stays countable; the person and their words go.
    this.erasure.register('unsubscribe-feedback', async (subscriberId, _hash, manager) => {
      await manager.update(UnsubscribeFeedback, { subscriberId }, { subscriberId: null, note: null });
    });
  }

  /** Stores an answer; false when the reason is not one of ours (nothing stored). */
  async record(answer: FeedbackAnswer): Promise<boolean> {
    if (!isUnsubscribeReason(answer.reason)) return false;
    const note = answer.note?.trim().slice(0, MAX_FEEDBACK_NOTE) || null;
    const repo = this.dataSource.getRepository(UnsubscribeFeedback);
    const since = new Date(this.clock.now().getTime() - AMEND_WITHIN_MS);
    const earlier = await repo.findOne({
      where: { subscriberId: answer.subscriberId, listId: answer.listId ?? undefined, createdAt: MoreThan(since) },
      order: { id: 'DESC' },
    });
    if (earlier && earlier.listId === answer.listId) await repo.update(earlier.id, { reason: answer.reason, note });
    else
      await repo.insert({
        subscriberId: answer.subscriberId,
        listId: answer.listId,
        campaignId: answer.campaignId,
        reason: answer.reason,
        note,
        createdAt: this.clock.now(),
      });
    return true;
  }

  /** Answers of people who left this list, or everything while they were on it. */
  async forList(listId: number, notesLimit = 10): Promise<FeedbackSummary> {
    const base = () =>
      this.dataSource
        .getRepository(UnsubscribeFeedback)
        .createQueryBuilder('f')
        .where(
          '(f.list_id = :listId OR (f.list_id IS NULL AND EXISTS (SELECT 1 FROM list_memberships m WHERE m.list_id = :listId AND m.subscriber_id = f.subscriber_id)))',
          { listId },
        );
    const counts: Array<{ reason: UnsubscribeReason; count: string | number }> = await base()
      .select('f.reason', 'reason')
      .addSelect('COUNT(*)', 'count')
      .groupBy('f.reason')
      .getRawMany();
    const notes = await base().andWhere('f.note IS NOT NULL').orderBy('f.id', 'DESC').limit(notesLimit).getMany();
    const byReason = UNSUBSCRIBE_REASONS.map((reason) => ({
      reason,
      count: Number(counts.find((c) => c.reason === reason)?.count ?? 0),
    }));
    return {
      total: byReason.reduce((sum, r) => sum + r.count, 0),
      byReason,
      notes: notes.map((f) => ({ reason: f.reason, note: f.note!, at: f.createdAt, campaignId: f.campaignId })),
    };
  }
}
