import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Clock } from '../../common/clock';
import { FixedWindowLimiter, RateWindow } from '../../common/rate-limit/fixed-window.limiter';
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
  constructor(
    private readonly limiter: FixedWindowLimiter,
    private readonly clock: Clock,
  ) {}

  async assertAllowed(email: string, ip: string): Promise<void> {
    const windows = this.windows(email, ip);
    const now = await this.limiter.peek(windows, this.clock.now().getTime());
    const waits = now.filter((w, i) => w.count >= windows[i].limit).map((w) => w.endsInMs);
    if (waits.length) throw new TooManyLoginAttemptsException(Math.max(1, Math.ceil(Math.max(...waits) / 1000)));
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const now = this.clock.now().getTime();
    // Each window on its own: one already full must not keep the other from counting.
    for (const window of this.windows(email, ip)) await this.limiter.take([window], now);
  }

  async clear(email: string): Promise<void> {
    await this.limiter.reset(this.windows(email, '')[0].key);
  }

  private windows(email: string, ip: string): RateWindow[] {
    // Hashed: the Redis keys do not list who tried to sign in.
    const id = createHash('sha256').update(email).digest('hex').slice(0, 32);
    const windowMs = LOGIN_WINDOW_SECONDS * 1000;
    return [
      { key: `login-failures:email:${id}`, limit: MAX_FAILURES_PER_EMAIL, windowMs },
      { key: `login-failures:ip:${ip}`, limit: MAX_FAILURES_PER_IP, windowMs },
    ];
  }
}
