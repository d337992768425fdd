import { Injectable, OnModuleInit } from '@nestjs/common';
import { ActExecutor, ActExecutors } from '../../acts/act-executors';
import type { PendingAct } from '../../acts/pending-act';
import { KindRecipientResolver } from '../common/kind-recipient';
import { AnswerPoll } from './answer-poll';

/** A person's one-click answer: recorded at the time of the click, with the comment they wrote meanwhile. */
@Injectable()
export class PollActExecutor implements ActExecutor, OnModuleInit {
  readonly kind = 'poll' as const;
  readonly eventType = 'poll_answered' as const;

  constructor(
    private readonly executors: ActExecutors,
    private readonly recipients: KindRecipientResolver,
    private readonly answers: AnswerPoll,
  ) {}

  onModuleInit(): void {
    this.executors.register(this);
  }

  async execute(act: PendingAct): Promise<void> {
    const { content } = await this.recipients.campaignOf(act.claims.campaignId, 'poll');
    const outcome = await this.answers.answer(
      act.claims,
      content,
      String(act.payload.value),
      undefined,
      act.occurredAt,
    );
    if (outcome.ok && typeof act.payload.comment === 'string')
      await this.answers.comment(act.claims, content, act.payload.comment);
  }
}
