import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import type { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { InjectRedis } from '../../queue/redis.provider';
import { AudienceErrorCode, AudienceException } from '../audience.exception';

/** Fixed-window counter in Redis, shared by every api process. */
@Injectable()
export class RateLimiter {
  constructor(
    @InjectRedis() private readonly redis: Redis,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async hit(bucket: string, key: string, limit: number, windowSeconds: number): Promise<void> {
    const redisKey = `${this.config.queuePrefix}:ratelimit:${bucket}:${key}`;
    const [[, count]] = (await this.redis.multi().incr(redisKey).expire(redisKey, windowSeconds, 'NX').exec()) as [
      [Error | null, number],
    ];
    if (count > limit) {
      throw new AudienceException(AudienceErrorCode.RateLimited, `Too many requests; try again in a minute`);
    }
  }
}
