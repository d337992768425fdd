import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock } from '../../common/clock';
import { dbTime, execute } from '../../common/db/sql-dialect';
import { ScoresException } from '../scores.exception';
import { RecomputeStatus, RecomputeTrigger, ScoreRecompute } from './score-recompute.entity';

// A running recompute beats every second; after this long without a beat its process is gone.
const STALE_RUNNING_MS = 2 * 60_000;
// A queued run no worker picked up in this time blocks nobody.
const STALE_QUEUED_MS = 10 * 60_000;

export class RecomputeProgressDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: ['queued', 'running', 'finished', 'failed'] }) status: RecomputeStatus;
  @ApiProperty({ enum: ['api', 'cli', 'bench', 'settings', 'backlog'] }) trigger: RecomputeTrigger;
  @ApiProperty({ description: 'Events up to this id are streamed; later ones are folded from the log at the swap' })
  headEventId: number;
  @ApiProperty() eventsTotal: number;
  @ApiProperty() eventsDone: number;
  @ApiProperty() subscribersDone: number;
  @ApiProperty({ description: 'Events the live consumer handled during the run, folded in at the swap' })
  tailEvents: number;
  @ApiProperty() percent: number;
  @ApiProperty({ description: 'Events per second' }) rate: number;
  @ApiProperty({ nullable: true, type: Number }) etaSeconds: number | null;
  @ApiProperty({ nullable: true, type: Date }) startedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) finishedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
}

/** Bookkeeping of recompute runs: one at a time (they share the rebuild tables), progress, heartbeats. */
@Injectable()
export class RecomputeRuns {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** A new queued run; 409 while another one is queued or running. */
  async start(trigger: RecomputeTrigger): Promise<ScoreRecompute> {
    return this.dataSource.transaction(async (m) => {
      await this.failStale(m);
      const active = await m.findOne(ScoreRecompute, {
        where: { status: In(['queued', 'running']) },
        order: { id: 'ASC' },
      });
      if (active) {
        const p = this.toDto(active);
        throw new ScoresException(
          'recompute_running',
          `A score recompute is already ${active.status} (run ${active.id}, ${p.percent}% done); follow it at GET /api/scores/recompute/${active.id}`,
          409,
          { id: active.id },
        );
      }
      return m.save(m.create(ScoreRecompute, { status: 'queued', trigger, heartbeatAt: this.clock.now() }));
    });
  }

  /** queued → running, unless another run is running (then this one fails with the reason). */
  async claim(id: number): Promise<boolean> {
    const ds = this.dataSource;
    const now = dbTime(ds, this.clock.now());
    await this.failStale(ds.manager);
    const claimed = await execute(
      ds,
      `UPDATE score_recomputes SET status = 'running', started_at = ?, heartbeat_at = ?
      WHERE id = ? AND status = 'queued' AND NOT EXISTS (SELECT 1 FROM score_recomputes o WHERE o.status = 'running' AND o.id <> ?)`,
      [now, now, id, id],
    );
    if (claimed === 1) return true;
    await execute(
      ds,
      "UPDATE score_recomputes SET status = 'failed', error = ?, finished_at = ? WHERE id = ? AND status = 'queued'",
      ['another recompute was running', now, id],
    );
    return false;
  }

  async update(id: number, values: Partial<Pick<ScoreRecompute, 'headEventId' | 'eventsTotal'>>): Promise<void> {
    await this.dataSource.getRepository(ScoreRecompute).update({ id }, values);
  }

  async heartbeat(
    id: number,
    tick: { eventsDone: number; subscribersDone: number },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.update(
      ScoreRecompute,
      { id },
      { eventsDone: tick.eventsDone, subscribersDone: tick.subscribersDone, heartbeatAt: this.clock.now() },
    );
  }

  async finish(
    id: number,
    tick: { eventsDone: number; subscribersDone: number; tailEvents: number },
    manager: EntityManager,
  ): Promise<void> {
    await manager.update(
      ScoreRecompute,
      { id },
      { ...tick, status: 'finished', finishedAt: this.clock.now(), heartbeatAt: this.clock.now() },
    );
  }

  async fail(id: number, error: string): Promise<void> {
    await this.dataSource
      .getRepository(ScoreRecompute)
      .update({ id }, { status: 'failed', error: error.slice(0, 2000), finishedAt: this.clock.now() });
  }

  async progress(id: number): Promise<RecomputeProgressDto> {
    const run = await this.dataSource.getRepository(ScoreRecompute).findOneBy({ id });
    if (!run) throw new ScoresException('recompute_not_found', `Score recompute ${id} does not exist`, 404);
    return this.toDto(run);
  }

  private toDto(run: ScoreRecompute): RecomputeProgressDto {
    const end = run.finishedAt ?? this.clock.now();
    const seconds = run.startedAt ? Math.max((end.getTime() - run.startedAt.getTime()) / 1000, 0.001) : 0;
    const fraction =
      run.status === 'finished' ? 1 : run.eventsTotal ? Math.min(run.eventsDone / run.eventsTotal, 1) : 0;
    const rate = seconds ? Math.round(run.eventsDone / seconds) : 0;
    return {
      id: run.id,
      status: run.status,
      trigger: run.trigger,
      headEventId: run.headEventId,
      eventsTotal: run.eventsTotal,
      eventsDone: run.eventsDone,
      subscribersDone: run.subscribersDone,
      tailEvents: run.tailEvents,
      percent: Math.round(fraction * 1000) / 10,
      rate,
      etaSeconds:
        run.status === 'finished'
          ? 0
          : run.status === 'running' && rate > 0
            ? Math.round((run.eventsTotal - run.eventsDone) / rate)
            : null,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      error: run.error,
    };
  }

  private async failStale(m: EntityManager): Promise<void> {
    const ds = this.dataSource;
    const now = this.clock.now().getTime();
    await execute(
      m,
      "UPDATE score_recomputes SET status = 'failed', error = ?, finished_at = ? WHERE status = 'running' AND (heartbeat_at IS NULL OR heartbeat_at < ?)",
      [
        'interrupted: its process stopped (no progress for 2 minutes)',
        dbTime(ds, new Date(now)),
        dbTime(ds, new Date(now - STALE_RUNNING_MS)),
      ],
    );
    await execute(
      m,
      "UPDATE score_recomputes SET status = 'failed', error = ?, finished_at = ? WHERE status = 'queued' AND heartbeat_at < ?",
      [
        'never started: no worker picked it up within 10 minutes',
        dbTime(ds, new Date(now)),
        dbTime(ds, new Date(now - STALE_QUEUED_MS)),
      ],
    );
  }
}
