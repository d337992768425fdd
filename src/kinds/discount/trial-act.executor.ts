import { Injectable, OnModuleInit } from '@nestjs/common';
import { ActExecutor, ActExecutors } from '../../acts/act-executors';
import type { PendingAct } from '../../acts/pending-act';
import { KindRecipientResolver } from '../common/kind-recipient';
import { StartTrial } from './start-trial';

/** A person's one click on "start my trial": the trial starts at the time of the click. */
@Injectable()
export class TrialActExecutor implements ActExecutor, OnModuleInit {
  readonly kind = 'trial' as const;
  readonly eventType = 'trial_started' as const;

  constructor(
    private readonly executors: ActExecutors,
    private readonly recipients: KindRecipientResolver,
    private readonly trials: StartTrial,
  ) {}

  onModuleInit(): void {
    this.executors.register(this);
  }

  async execute(act: PendingAct): Promise<void> {
    const { content } = await this.recipients.campaignOf(act.claims.campaignId, 'discount');
    await this.trials.start(act.claims, content, act.occurredAt);
  }
}
