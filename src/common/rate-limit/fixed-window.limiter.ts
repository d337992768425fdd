import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import type { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { InjectRedis } from '../../queue/redis.provider';

/** One counter: at most `limit` points per `windowMs`, the window starting at its first point. */
export interface RateWindow {
  key: string;
  limit: number;
  windowMs: number;
}

export type RateVerdict = { allowed: true } | { allowed: false; refusedBy: number; retryAfterMs: number };

// Every window is checked before any is charged, in one atomic step, so concurrent
// processes cannot all pass a limit. Times come from the caller (ARGV[1]), not Redis,
// so a test that moves the app's Clock moves the windows too.
// Each window is a hash {start, count}; KEYS[i] with ARGV: now, points, then limit/windowMs per key.
const TAKE = `
local now = tonumber(ARGV[1]); local points = tonumber(ARGV[2])
local counts = {}
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[1 + 2 * i]); local window = tonumber(ARGV[2 + 2 * i])
  local start = tonumber(redis.call('HGET', key, 'start') or '-1')
  local count = tonumber(redis.call('HGET', key, 'count') or '0')
  if start < 0 or now - start >= window or now < start then start = now; count = 0 end
  if count + points > limit then return {i, start + window - now} end
  counts[i] = {start, count}
end
for i, key in ipairs(KEYS) do
  local window = tonumber(ARGV[2 + 2 * i])
  redis.call('HSET', key, 'start', counts[i][1], 'count', counts[i][2] + points)
  redis.call('PEXPIRE', key, window + 60000)
end
return {0, 0}`;

// What a window holds now, without charging it: {count, ms until it ends} per key.
const PEEK = `
local now = tonumber(ARGV[1]); local out = {}
for i, key in ipairs(KEYS) do
  local window = tonumber(ARGV[1 + i])
  local start = tonumber(redis.call('HGET', key, 'start') or '-1')
  if start < 0 or now - start >= window or now < start then out[i] = {0, 0}
  else out[i] = {tonumber(redis.call('HGET', key, 'count') or '0'), start + window - now} end
end
return out`;

/**
 * The one rate limiter: fixed windows in Redis, shared by every process. Used for the
 * public forms, sign-in failures, confirmation mails and SMTP pacing.
 */
@Injectable()
export class FixedWindowLimiter {
  private readonly prefix: string;

  constructor(
    @InjectRedis() private readonly redis: Redis,
    @InjectConfig() config: AppConfig,
  ) {
    this.prefix = `${config.queuePrefix}:limit`;
  }

  /** Charges `points` to every window, or to none when one of them would go over its limit. */
  async take(windows: RateWindow[], nowMs: number, points = 1): Promise<RateVerdict> {
    const args = windows.flatMap((w) => [w.limit, w.windowMs]);
    const [refusedBy, retryAfterMs] = (await this.redis.eval(
      TAKE,
      windows.length,
      ...windows.map((w) => this.key(w.key)),
      nowMs,
      points,
      ...args,
    )) as [number, number];
    return refusedBy === 0 ? { allowed: true } : { allowed: false, refusedBy: refusedBy - 1, retryAfterMs };
  }

  /** Points charged so far in each window's current period, and how long until it ends. */
  async peek(windows: Omit<RateWindow, 'limit'>[], nowMs: number): Promise<{ count: number; endsInMs: number }[]> {
    const rows = (await this.redis.eval(
      PEEK,
      windows.length,
      ...windows.map((w) => this.key(w.key)),
      nowMs,
      ...windows.map((w) => w.windowMs),
    )) as [number, number][];
    return rows.map(([count, endsInMs]) => ({ count, endsInMs }));
  }

  /** Gives points back (what was charged for work that did not happen). */
  async giveBack(keys: string[], points = 1): Promise<void> {
    const multi = this.redis.multi();
    for (const key of keys) multi.hincrby(this.key(key), 'count', -points);
    await multi.exec();
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.key(key));
  }

  private key(key: string): string {
    return `${this.prefix}:${key}`;
  }
}
