import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A subscriber moved from one class of a score to another, e.g. NPS passive → detractor. */
export interface ScoreClassChange {
  subscriberId: number;
  score: 'nps' | 'engagement' | 'trial';
  from: string | null;
  to: string;
  /** The event that caused it. */
  eventId: number;
  occurredAt: Date;
}

export interface ScoreClassChangeListener {
  onScoreClassChanged(changes: ScoreClassChange[], manager: EntityManager): Promise<void>;
}

/**
 * The incremental score update tells listeners (webhooks) about class changes
 * inside its own transaction, so a change is announced exactly when it is stored.
 * A full recompute announces nothing: it changes no class that was not announced.
 */
@Injectable()
export class ScoreClassChangeHooks {
  private readonly listeners: ScoreClassChangeListener[] = [];

  register(listener: ScoreClassChangeListener): void {
    this.listeners.push(listener);
  }

  async notify(changes: ScoreClassChange[], manager: EntityManager): Promise<void> {
    if (changes.length === 0) return;
    for (const listener of this.listeners) await listener.onScoreClassChanged(changes, manager);
  }
}
