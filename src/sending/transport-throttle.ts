import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { InjectRedis } from '../queue/redis.provider';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Fixed windows per second and per hour, shared by every worker through Redis.
const TAKE = `
local sec = tonumber(ARGV[1]); local hour = tonumber(ARGV[2])
local maxSec = tonumber(ARGV[3]); local maxHour = tonumber(ARGV[4])
if maxSec > 0 then
  local n = tonumber(redis.call('GET', KEYS[1]) or '0')
  if n >= maxSec then return 1 end
end
if maxHour > 0 then
  local h = tonumber(redis.call('GET', KEYS[2]) or '0')
  if h >= maxHour then return 2 end
end
redis.call('INCR', KEYS[1]); redis.call('PEXPIRE', KEYS[1], 2000)
redis.call('INCR', KEYS[2]); redis.call('PEXPIRE', KEYS[2], 3700000)
return 0`;

/**
 * Per-transport send pacing across all workers: the configured rate limits,
 * and a transport-wide pause when the provider answers 421/454 (throttling),
 * so throttling slows everyone instead of burning each message's retries.
 */
@Injectable()
export class TransportThrottle {
  private pausedUntil = 0;
  private pauseCheckedAt = 0;

  constructor(
    @InjectRedis() private readonly redis: Redis,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async acquire(transport: string): Promise<void> {
    await this.waitWhilePaused(transport);
    const { ratePerSecond, ratePerHour } = this.config.sending;
    if (!ratePerSecond && !ratePerHour) return;
    for (;;) {
      const now = Date.now();
      const sec = Math.floor(now / 1000);
      const hour = Math.floor(now / 3_600_000);
      const prefix = `${this.config.queuePrefix}:rate:${transport}`;
      const verdict = Number(await this.redis.eval(TAKE, 2, `${prefix}:s:${sec}`, `${prefix}:h:${hour}`, sec, hour, ratePerSecond, ratePerHour));
      if (verdict === 0) return;
      await sleep(verdict === 1 ? 1000 - (now % 1000) + 1 : Math.min(60_000, 3_600_000 - (now % 3_600_000)));
    }
  }

  /** The provider asked us to slow down: pause the transport, doubling up to 5 minutes. */
  async throttled(transport: string): Promise<void> {
    const key = `${this.config.queuePrefix}:throttle:${transport}`;
    const previous = Number(await this.redis.get(`${key}:ms`)) || 0;
    const ms = Math.min(300_000, Math.max(1000, previous * 2));
    await this.redis.multi().set(key, String(Date.now() + ms), 'PX', ms).set(`${key}:ms`, String(ms), 'PX', ms * 4).exec();
    this.pausedUntil = Date.now() + ms;
  }

  private async waitWhilePaused(transport: string): Promise<void> {
    const now = Date.now();
    if (now - this.pauseCheckedAt > 250) {
      this.pauseCheckedAt = now;
      this.pausedUntil = Number(await this.redis.get(`${this.config.queuePrefix}:throttle:${transport}`)) || 0;
    }
    if (this.pausedUntil > now) await sleep(this.pausedUntil - now);
  }
}
