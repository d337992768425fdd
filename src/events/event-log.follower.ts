import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { runsWorker } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { execute, isPostgres, readDbTime, sql } from '../common/db/sql-dialect';
import { EventCursor } from './event-cursor.entity';
import type { EventType } from './event-types';
import { backoffMs } from '../common/backoff';

/** An event as consumers of the log read it: plain values, time in epoch milliseconds. */
export interface LoggedEvent {
  id: number;
  type: EventType;
  campaignId: number | null;
  deliveryId: number | null;
  subscriberId: number | null;
  occurredAt: number;
  data: Record<string, unknown>;
  machine: boolean;
  /** A repeat of an act already counted (see TrackedEvent.repeat). */
  repeat: boolean;
}

/**
 * Reads the event log in id order and keeps its own position. `handle` runs in
 * the transaction that moves the cursor, so a consumer that writes to the
 * database sees every event exactly once; one with outside side effects
 * (a queue) sees each at least once and must deduplicate.
 */
export interface EventLogConsumer {
  readonly name: string;
  handle(events: LoggedEvent[], manager: EntityManager): Promise<void>;
}

const BATCH_SIZE = 5000;
const POLL_MS = 500;
// PostgreSQL hands out ids before commit, so a smaller id can become visible
// after a larger one. A gap younger than this is waited for; an older one is a
// rolled-back or conflicting insert that will never appear.
const GAP_GRACE_MS = 10_000;
/** Waits while the database or Redis is unreachable. */
const RECONNECT_BACKOFF = { baseMs: 200, growth: 2, ceilingMs: 10_000 };

class CursorMoved extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

@Injectable()
export class EventLogFollower implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EventLogFollower');
  private readonly consumers = new Map<string, EventLogConsumer>();
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Called by consumers from onModuleInit; the worker role starts following at bootstrap. */
  register(consumer: EventLogConsumer): void {
    if (this.consumers.has(consumer.name)) throw new Error(`two event log consumers are named ${consumer.name}`);
    this.consumers.set(consumer.name, consumer);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (runsWorker(this.config) && this.consumers.size > 0) this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Processes everything committed so far for one consumer; returns the number of events handled. */
  async catchUp(name: string, onProgress?: (handled: number, lastId: number) => void): Promise<number> {
    const consumer = this.consumerNamed(name);
    let total = 0;
    for (;;) {
      const handled = await this.step(consumer);
      if (handled === 0) return total;
      total += handled;
      onProgress?.(total, await this.position(name));
    }
  }

  /** The id of the last event this consumer has handled. */
  async position(name: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const row = await manager.findOneBy(EventCursor, { name });
    return row?.lastId ?? 0;
  }

  /** Moves a consumer back to the start of the log, inside the caller's transaction (a full recompute). */
  async rewind(name: string, manager: EntityManager): Promise<void> {
    this.consumerNamed(name);
    await this.ensureCursor(name, manager);
    await execute(manager, 'UPDATE event_cursors SET last_id = 0 WHERE name = ?', [name]);
  }

  /** Sets a consumer's position inside the caller's transaction: a rebuild that has folded everything up to `lastId`. */
  async moveTo(name: string, lastId: number, manager: EntityManager): Promise<void> {
    await this.ensureCursor(name, manager);
    await execute(manager, 'UPDATE event_cursors SET last_id = ?, updated_at = CURRENT_TIMESTAMP WHERE name = ?', [
      lastId,
      name,
    ]);
  }

  /** Skips the existing log: a new webhook consumer should not replay history. */
  async skipToEnd(name: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await this.ensureCursor(name, manager);
    await execute(
      manager,
      'UPDATE event_cursors SET last_id = (SELECT COALESCE(MAX(id), 0) FROM events) WHERE name = ?',
      [name],
    );
  }

  /** The id of the newest event in the log. */
  async head(): Promise<number> {
    const [row] = await this.dataSource.query('SELECT COALESCE(MAX(id), 0) AS head FROM events');
    return Number(row.head);
  }

  private consumerNamed(name: string): EventLogConsumer {
    const consumer = this.consumers.get(name);
    if (!consumer) throw new Error(`no event log consumer is named ${name}`);
    return consumer;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let handled = 0;
      try {
        for (const consumer of this.consumers.values()) {
          if (!this.running) break;
          handled += await this.step(consumer);
        }
        failures = 0;
      } catch (error) {
        failures++;
        const wait = backoffMs(RECONNECT_BACKOFF, failures + 1);
        this.logger.warn(
          `following the event log failed (attempt ${failures}, retrying in ${wait} ms): ${(error as Error).message}`,
        );
        await this.pause(wait);
        continue;
      }
      if (handled === 0) await this.pause(POLL_MS);
    }
  }

  private async pause(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (this.running && Date.now() < until) await sleep(Math.min(100, until - Date.now()));
  }

  /** One batch in one transaction; another worker that moved the cursor first wins and this one rolls back. */
  private async step(consumer: EventLogConsumer): Promise<number> {
    const from = await this.position(consumer.name);
    const events = await this.readAfter(from);
    if (events.length === 0) return 0;
    const to = events[events.length - 1].id;
    try {
      await this.dataSource.transaction(async (manager) => {
        await this.ensureCursor(consumer.name, manager);
        await consumer.handle(events, manager);
        const moved = await execute(
          manager,
          'UPDATE event_cursors SET last_id = ?, updated_at = CURRENT_TIMESTAMP WHERE name = ? AND last_id = ?',
          [to, consumer.name, from],
        );
        if (moved !== 1) throw new CursorMoved();
      });
    } catch (error) {
      if (error instanceof CursorMoved) return 0;
      throw error;
    }
    return events.length;
  }

  private async ensureCursor(name: string, manager: EntityManager): Promise<void> {
    await manager.createQueryBuilder().insert().into(EventCursor).values({ name, lastId: 0 }).orIgnore().execute();
  }

  private async readAfter(from: number): Promise<LoggedEvent[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      sql(
        this.dataSource,
        `SELECT id, type, campaign_id, delivery_id, subscriber_id, occurred_at, data, machine, repeat, created_at
        FROM events WHERE id > ? ORDER BY id LIMIT ${BATCH_SIZE}`,
      ),
      [from],
    );
    const postgres = isPostgres(this.dataSource);
    const events: LoggedEvent[] = [];
    let previous = from;
    for (const row of rows) {
      const id = Number(row.id);
      // created_at is the database's own clock (a column default), so it is compared with wall time.
      if (postgres && id !== previous + 1 && Date.now() - readDbTime(row.created_at).getTime() < GAP_GRACE_MS) break;
      previous = id;
      events.push({
        id,
        type: row.type as EventType,
        campaignId: row.campaign_id == null ? null : Number(row.campaign_id),
        deliveryId: row.delivery_id == null ? null : Number(row.delivery_id),
        subscriberId: row.subscriber_id == null ? null : Number(row.subscriber_id),
        occurredAt: readDbTime(row.occurred_at).getTime(),
        data:
          typeof row.data === 'string'
            ? (JSON.parse(row.data) as Record<string, unknown>)
            : ((row.data ?? {}) as Record<string, unknown>),
        machine: row.machine === true || row.machine === 1,
        repeat: row.repeat === true || row.repeat === 1,
      });
    }
    return events;
  }
}
