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

/** Per-transport send pacing across all workers: the configured rate limits (a transport that is down: TransportHealth). */
@Injectable()
export class TransportThrottle {
  constructor(
    @InjectRedis() private readonly redis: Redis,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async acquire(transport: string): Promise<void> {
    const { ratePerSecond, ratePerHour } = this.config.sending;
    if (!ratePerSecond && !ratePerHour) return;
    for (;;) {
      const now = Date.now();
      const sec = Math.floor(now / 1000);
      const hour = Math.floor(now / 3_600_000);
      const prefix = `${this.config.queuePrefix}:rate:${transport}`;
      const verdict = Number(
        await this.redis.eval(
          TAKE,
          2,
          `${prefix}:s:${sec}`,
          `${prefix}:h:${hour}`,
          sec,
          hour,
          ratePerSecond,
          ratePerHour,
        ),
      );
      if (verdict === 0) return;
      await sleep(verdict === 1 ? 1000 - (now % 1000) + 1 : Math.min(60_000, 3_600_000 - (now % 3_600_000)));
    }
  }
}
