import { Injectable } from '@nestjs/common';
import type { EventType } from '../events/event-types';
import type { ActKind, PendingAct } from './pending-act';

/** What a kind does when its one-click act turns out to be a person's. */
export interface ActExecutor {
  readonly kind: ActKind;
  /** The event the act records; a machine's act is recorded as this type, flagged. */
  readonly eventType: EventType;
  execute(act: PendingAct): Promise<void>;
}

/** The kinds' act executors; kind modules register theirs at init. */
@Injectable()
export class ActExecutors {
  private readonly executors = new Map<ActKind, ActExecutor>();

  register(executor: ActExecutor): void {
    if (this.executors.has(executor.kind)) throw new Error(`two act executors for ${executor.kind}`);
    this.executors.set(executor.kind, executor);
  }

  of(kind: ActKind): ActExecutor {
    const executor = this.executors.get(kind);
    if (!executor) throw new Error(`no act executor for ${kind}`);
    return executor;
  }
}
