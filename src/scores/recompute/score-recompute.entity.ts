import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn } from '../../common/db/columns';

export const RECOMPUTE_STATUSES = ['queued', 'running', 'finished', 'failed'] as const;
export type RecomputeStatus = (typeof RECOMPUTE_STATUSES)[number];
export type RecomputeTrigger = 'api' | 'cli' | 'bench' | 'settings' | 'backlog';

/** One full recompute of the value profiles and its progress (a heartbeat tells a live run from a dead one). */
@Entity('score_recomputes')
export class ScoreRecompute {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 16 })
  status: RecomputeStatus;

  @Column({ type: 'varchar', length: 16 })
  trigger: RecomputeTrigger;

  /** Events up to this id were streamed; later ones came through the log's tail at the swap. */
  @Column({ name: 'head_event_id', type: 'integer', default: 0 })
  headEventId: number;

  @Column({ name: 'events_total', type: 'integer', default: 0 })
  eventsTotal: number;

  @Column({ name: 'events_done', type: 'integer', default: 0 })
  eventsDone: number;

  @Column({ name: 'subscribers_done', type: 'integer', default: 0 })
  subscribersDone: number;

  @Column({ name: 'tail_events', type: 'integer', default: 0 })
  tailEvents: number;

  @TimestampColumn({ name: 'started_at', nullable: true })
  startedAt: Date | null;

  @TimestampColumn({ name: 'heartbeat_at', nullable: true })
  heartbeatAt: Date | null;

  @TimestampColumn({ name: 'finished_at', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @CreatedAtColumn()
  createdAt: Date;
}
