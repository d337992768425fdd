import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { redisOptions } from '../queue/redis-options';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import type { ClickHit, OpenHit, PageHit, TrackingSink } from './tracking-sink';

/** One hit as it waits in Redis (a stream entry holds a JSON array of them): short keys, it is written per pixel fetch. */
export interface BufferedHit {
  /** Open (pixel), click (redirect) or page (a public page of ours followed from the mail). */
  t: 'o' | 'c' | 'p';
  c: number;
  d: number;
  s: number;
  /** Clicks: link index and target; pages: the link without its token (`p/9`, `u`). */
  i?: number;
  u?: string;
  ip: string;
  ua: string;
  /** Epoch ms. */
  at: number;
  m: 'G' | 'H';
}

export const hitStreamKey = (config: AppConfig): string => `${config.queuePrefix}:tracking:hits`;
export const HIT_GROUP = 'drain';

// A hit is answered only after Redis has it; when Redis is slow or gone the
// pixel must still answer promptly, so the wait is bounded and nothing queues
// up offline behind a dead connection.
const COMMAND_TIMEOUT_MS = 1000;
const LOG_EVERY_MS = 10_000;

/**
 * The api side of tracking: appends each genuine hit to a Redis stream (AOF on,
 * noeviction) before the answer goes out. The worker's HitDrain writes them to
 * the event log; the database is never touched on the request path.
 */
@Injectable()
export class RedisHitBuffer implements TrackingSink, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TrackingBuffer');
  private readonly redis: Redis;
  private readonly key: string;
  private lost = 0;
  private lastLog = 0;
  private open: { hits: BufferedHit[]; written: Promise<void> } | undefined;

  constructor(@InjectConfig() config: AppConfig) {
    this.key = hitStreamKey(config);
    this.redis = new Redis(config.redisUrl!, {
      ...redisOptions(config),
      enableAutoPipelining: true,
      commandTimeout: COMMAND_TIMEOUT_MS,
      maxRetriesPerRequest: 1,
      lazyConnect: true,
    });
    this.redis.on('error', () => undefined);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.redis.connect().catch((e: Error) => this.logger.error(`cannot reach Redis for tracking: ${e.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** Hits Redis did not confirm since start (down, or slower than the timeout: those may still land): logged, never a failed pixel. */
  get lostHits(): number {
    return this.lost;
  }

  recordOpen(hit: OpenHit): Promise<void> {
    return this.push({
      t: 'o',
      c: hit.claims.campaignId,
      d: hit.claims.deliveryId,
      s: hit.claims.subscriberId,
      ip: hit.ip,
      ua: hit.ua.slice(0, 300),
      at: hit.at.getTime(),
      m: hit.method === 'HEAD' ? 'H' : 'G',
    });
  }

  recordClick(hit: ClickHit): Promise<void> {
    return this.push({
      t: 'c',
      c: hit.claims.campaignId,
      d: hit.claims.deliveryId,
      s: hit.claims.subscriberId,
      i: hit.index,
      u: hit.url.slice(0, 2000),
      ip: hit.ip,
      ua: hit.ua.slice(0, 300),
      at: hit.at.getTime(),
      m: hit.method === 'HEAD' ? 'H' : 'G',
    });
  }

  recordPage(hit: PageHit): Promise<void> {
    return this.push({
      t: 'p',
      c: hit.claims.campaignId,
      d: hit.claims.deliveryId,
      s: hit.claims.subscriberId,
      u: hit.link.slice(0, 64),
      ip: hit.ip,
      ua: hit.ua.slice(0, 300),
      at: hit.at.getTime(),
      m: hit.method === 'HEAD' ? 'H' : 'G',
    });
  }

  // Hits arriving in the same turn of the event loop share one stream entry:
  // under load that is one XADD for dozens of pixels, alone it is one for one.
  private push(hit: BufferedHit): Promise<void> {
    if (!this.open) {
      const batch = { hits: [] as BufferedHit[], written: Promise.resolve() };
      batch.written = new Promise((done) => setImmediate(() => void this.flush(batch.hits).then(done)));
      this.open = batch;
    }
    this.open.hits.push(hit);
    return this.open.written;
  }

  private async flush(hits: BufferedHit[]): Promise<void> {
    this.open = undefined;
    try {
      if (this.redis.status !== 'ready') throw new Error(`Redis connection is ${this.redis.status}`);
      await this.redis.xadd(this.key, '*', 'h', JSON.stringify(hits));
    } catch (error) {
      this.drop(error as Error, hits.length);
    }
  }

  private drop(error: Error, count: number): void {
    this.lost += count;
    const now = Date.now();
    if (now - this.lastLog < LOG_EVERY_MS) return;
    this.lastLog = now;
    this.logger.error(
      `tracking hits not confirmed by Redis (${this.lost} since start; lost unless Redis still applies them): ${error.message}`,
    );
  }
}
