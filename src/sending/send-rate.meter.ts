import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { InjectRedis } from '../queue/redis.provider';

const WINDOW_SECONDS = 10;

/**
 * Messages sent per second per campaign, in one-second Redis buckets: live rate without COUNT(*).
 * Wall time, not the Clock: a measure of real seconds, in buckets Redis expires in real seconds.
 */
@Injectable()
export class SendRateMeter {
  constructor(
    @InjectRedis() private readonly redis: Redis,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async record(campaignId: number, sent: number): Promise<void> {
    const key = `${this.config.queuePrefix}:rate:c${campaignId}:${Math.floor(Date.now() / 1000)}`;
    await this.redis
      .multi()
      .incrby(key, sent)
      .expire(key, WINDOW_SECONDS * 3)
      .exec();
  }

  /** Average messages per second over the last complete seconds. */
  async rate(campaignId: number): Promise<number> {
    const now = Math.floor(Date.now() / 1000);
    const keys = Array.from(
      { length: WINDOW_SECONDS },
      (_, i) => `${this.config.queuePrefix}:rate:c${campaignId}:${now - 1 - i}`,
    );
    const values = await this.redis.mget(keys);
    const total = values.reduce((sum, v) => sum + (Number(v) || 0), 0);
    return total / WINDOW_SECONDS;
  }
}
