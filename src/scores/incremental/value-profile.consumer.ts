import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventLogConsumer, EventLogFollower, LoggedEvent } from '../../events/event-log.follower';
import { ScoreClassChangeHooks } from '../score-class-change.hooks';
import { FoldEventBatch, lockProfiles } from '../profile/fold-batch';
import { LIVE_TABLES } from '../profile/profile-store';

export const SCORES_CONSUMER = 'scores';

/**
 * Keeps value profiles current: each batch of the event log is folded into the
 * profiles it touches in the transaction that moves the cursor, and class
 * changes are announced in that same transaction (exactly once).
 */
@Injectable()
export class ValueProfileConsumer implements EventLogConsumer, OnModuleInit {
  readonly name = SCORES_CONSUMER;

  constructor(
    private readonly follower: EventLogFollower,
    private readonly batch: FoldEventBatch,
    private readonly hooks: ScoreClassChangeHooks,
  ) {}

  onModuleInit(): void {
    this.follower.register(this);
  }

  async handle(events: LoggedEvent[], manager: EntityManager): Promise<void> {
    await lockProfiles(manager);
    const changes = await this.batch.apply(manager, LIVE_TABLES, events);
    await this.hooks.notify(changes, manager);
  }
}
