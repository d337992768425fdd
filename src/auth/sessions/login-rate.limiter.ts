import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { createHash } from 'node:crypto';
import type { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { InjectRedis } from '../../queue/redis.provider';
import { TooManyLoginAttemptsException } from '../auth.exception';

export const LOGIN_WINDOW_SECONDS = 15 * 60;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 20;

/**
 * Failed sign-ins counted in Redis, shared by every api process: 5 per email
 * or 20 per IP within 15 minutes (counted from the first failure), then 429
 * until that window ends. A success clears the email's count.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly prefix: string;

  constructor(
    @InjectRedis() private readonly redis: Redis,
    @InjectConfig() config: AppConfig,
  ) {
    this.prefix = `${config.queuePrefix}:login-failures`;
  }

  async assertAllowed(email: string, ip: string): Promise<void> {
    const keys = this.keys(email, ip);
    const [[, emailCount], [, emailTtl], [, ipCount], [, ipTtl]] = (await this.redis
      .multi()
      .get(keys.email)
      .ttl(keys.email)
      .get(keys.ip)
      .ttl(keys.ip)
      .exec()) as Array<[Error | null, string | number | null]>;
    const waits: number[] = [];
    if (Number(emailCount ?? 0) >= MAX_FAILURES_PER_EMAIL) waits.push(Number(emailTtl));
    if (Number(ipCount ?? 0) >= MAX_FAILURES_PER_IP) waits.push(Number(ipTtl));
    if (waits.length)
      throw new TooManyLoginAttemptsException(Math.max(1, ...waits.map((w) => (w > 0 ? w : LOGIN_WINDOW_SECONDS))));
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const keys = this.keys(email, ip);
    const multi = this.redis.multi();
    for (const key of [keys.email, keys.ip]) multi.set(key, 0, 'EX', LOGIN_WINDOW_SECONDS, 'NX').incr(key);
    await multi.exec();
  }

  async clear(email: string): Promise<void> {
    await this.redis.del(this.keys(email, '').email);
  }

  private keys(email: string, ip: string): { email: string; ip: string } {
    // Hashed: the Redis keys do not list who tried to sign in.
    const id = createHash('sha256').update(email).digest('hex').slice(0, 32);
    return { email: `${this.prefix}:email:${id}`, ip: `${this.prefix}:ip:${ip}` };
  }
}
