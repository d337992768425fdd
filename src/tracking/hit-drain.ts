import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { hostname } from 'node:os';
import Redis from 'ioredis';
import type { AppConfig } from '../config/app-config';
import { runsApi, runsWorker } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { InjectRedis } from '../queue/redis.provider';
import { BufferedHit, HIT_GROUP, hitStreamKey } from './hit-buffer';
import { HitRecorder, StreamHit } from './hit-recorder';
import { backoffMs } from '../common/backoff';

type StreamReply = Array<[string, Array<[string, string[] | null]>]> | null;

const BLOCK_MS = 1000;
// Clicks of one message within a second are judged together, so a batch waits
// until its newest hit is this old and takes what arrived meanwhile.
const SETTLE_MS = 1000;
// A consumer that has not touched its pending hits for this long is presumed dead.
const RECLAIM_IDLE_MS = 60_000;
const RECLAIM_EVERY_MS = 30_000;
/** Waits while the database or Redis is unreachable. */
const RECONNECT_BACKOFF = { baseMs: 200, growth: 2, ceilingMs: 10_000 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The worker side of tracking: reads the hit stream through a consumer group,
 * writes each batch with HitRecorder and acknowledges only after the commit.
 * A failed write leaves the batch pending and it is read again (from this
 * consumer's pending list, or by another worker after RECLAIM_IDLE_MS), so a
 * database outage delays hits and loses none; replays are deduplicated.
 */
@Injectable()
export class HitDrain implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TrackingDrain');
  private readonly key: string;
  private readonly consumer = `${hostname()}-${process.pid}`;
  private blocking: Redis | undefined;
  private loop: Promise<void> | undefined;
  private running = false;
  private lastReclaim = 0;
  private readonly sharesProcessWithApi: boolean;

  constructor(
    @InjectRedis() private readonly redis: Redis,
    private readonly recorder: HitRecorder,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.key = hitStreamKey(config);
    this.sharesProcessWithApi = runsApi(config) && runsWorker(config);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (runsWorker(this.config)) await this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Starts consuming (worker role does this at boot). */
  async start(): Promise<void> {
    if (this.running) return;
    await this.redis.xgroup('CREATE', this.key, HIT_GROUP, '0', 'MKSTREAM').catch((e: Error) => {
      if (!/BUSYGROUP/.test(e.message)) throw e;
    });
    this.blocking = this.redis.duplicate();
    this.running = true;
    this.loop = this.run();
  }

  /** Stops after the batch in hand; unacknowledged hits stay pending in Redis. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    await this.loop;
    this.loop = undefined;
    await this.blocking?.quit().catch(() => this.blocking?.disconnect());
    this.blocking = undefined;
  }

  private async run(): Promise<void> {
    // Our own pending list first: a previous run may have died between commit and ack.
    let backlog = true;
    let failures = 0;
    while (this.running) {
      try {
        if (Date.now() - this.lastReclaim > RECLAIM_EVERY_MS) backlog = (await this.reclaim()) || backlog;
        const entries = backlog ? await this.read('0', 0) : await this.read('>', BLOCK_MS);
        if (entries.length === 0) {
          backlog = false;
          continue;
        }
        if (!backlog) entries.push(...(await this.settle(entries)));
        await this.write(entries);
        failures = 0;
      } catch (error) {
        failures++;
        backlog = true;
        const wait = backoffMs(RECONNECT_BACKOFF, failures + 1);
        this.logger.warn(
          `writing tracking hits failed (attempt ${failures}, retrying in ${wait} ms; the hits stay in Redis): ${(error as Error).message}`,
        );
        await this.pause(wait);
      }
    }
  }

  private async pause(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (this.running && Date.now() < until) await sleep(Math.min(100, until - Date.now()));
  }

  private async write(entries: Array<[string, string[] | null]>): Promise<void> {
    const batch: StreamHit[] = [];
    for (const [id, fields] of entries) {
      const raw = fields?.[1];
      if (!raw) continue; // deleted after an ack that was not followed by a successful XDEL
      try {
        const hits = JSON.parse(raw) as BufferedHit[];
        hits.forEach((hit, n) => batch.push({ id: `${id}:${n}`, hit }));
      } catch {
        this.logger.error(`tracking hits ${id} are not JSON; dropped`);
      }
    }
    // One transaction per drainBatchSize hits: better-sqlite3 writes synchronously,
    // and in a one-process deployment a huge transaction would stall the pixel.
    const size = this.config.tracking.drainBatchSize;
    for (let i = 0; i < batch.length; i += size) {
      const started = Date.now();
      await this.recorder.record(batch.slice(i, i + size));
      // Sharing a process with the pixel (MODE=all), the drain takes at most half
      // of it: under a burst the hits wait in Redis rather than the readers.
      if (this.sharesProcessWithApi) await sleep(Date.now() - started);
    }
    const ids = entries.map(([id]) => id);
    await this.redis
      .multi()
      .xack(this.key, HIT_GROUP, ...ids)
      .xdel(this.key, ...ids)
      .exec();
  }

  private async read(from: '0' | '>', blockMs: number): Promise<Array<[string, string[] | null]>> {
    // An entry holds one or more hits (see RedisHitBuffer).
    const count = Math.max(1, Math.ceil(this.config.tracking.drainBatchSize / 10));
    const client = this.blocking!;
    const reply = (
      blockMs > 0
        ? await client.xreadgroup(
            'GROUP',
            HIT_GROUP,
            this.consumer,
            'COUNT',
            count,
            'BLOCK',
            blockMs,
            'STREAMS',
            this.key,
            from,
          )
        : await client.xreadgroup('GROUP', HIT_GROUP, this.consumer, 'COUNT', count, 'STREAMS', this.key, from)
    ) as StreamReply;
    return reply?.[0]?.[1] ?? [];
  }

  private async settle(entries: Array<[string, string[] | null]>): Promise<Array<[string, string[] | null]>> {
    const newest = Number(entries[entries.length - 1][0].split('-')[0]);
    // Bounded: the entry id carries Redis's clock, which may differ from ours.
    const wait = Math.min(SETTLE_MS, newest + SETTLE_MS - Date.now());
    if (wait <= 0) return [];
    await sleep(wait);
    return this.read('>', 0);
  }

  /** Takes over hits a dead consumer left pending; true when there were any. */
  private async reclaim(): Promise<boolean> {
    this.lastReclaim = Date.now();
    const reply = (await this.redis.xautoclaim(
      this.key,
      HIT_GROUP,
      this.consumer,
      RECLAIM_IDLE_MS,
      '0-0',
      'COUNT',
      100,
      'JUSTID',
    )) as [string, string[]];
    return (reply?.[1]?.length ?? 0) > 0;
  }
}
