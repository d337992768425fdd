import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { Clock } from '../../common/clock';
import { FixedWindowLimiter, RateWindow } from '../../common/rate-limit/fixed-window.limiter';
import type { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { InjectRedis } from '../../queue/redis.provider';
import { emailHash } from '../email-address';

const HOUR_MS = 3_600_000;
/** Hours the dashboard looks back for a reached cap. */
export const CAP_ATTENTION_HOURS = 24;

export type ConfirmationVerdict = 'send' | 'recently_sent' | 'hourly_cap';

export interface CappedHour {
  hourStart: Date;
  /** Confirmation mails not sent in that hour because of the cap. */
  skipped: number;
  /** The list whose form asked last. */
  listId: number;
  lastAt: Date;
}

/**
 * What keeps the public forms from being a relay that mails strangers: at most
 * one confirmation mail per address per SUBSCRIBE_CONFIRM_INTERVAL_HOURS, and
 * at most SUBSCRIBE_CONFIRM_HOURLY_CAP of them per clock hour, all forms together.
 */
@Injectable()
export class ConfirmationMailLimits {
  private readonly prefix: string;

  constructor(
    @InjectRedis() private readonly redis: Redis,
    @InjectConfig() private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly limiter: FixedWindowLimiter,
  ) {
    this.prefix = `${config.queuePrefix}:confirm-mail`;
  }

  /** Takes one confirmation mail to `email` out of both limits, or says which one refuses it. */
  async reserve(email: string, listId: number): Promise<ConfirmationVerdict> {
    const now = this.clock.now().getTime();
    const verdict = await this.limiter.take(this.windows(email), now);
    if (verdict.allowed) return 'send';
    if (verdict.refusedBy === 0) return 'recently_sent';
    const capped = `${this.prefix}:capped:${Math.floor(now / HOUR_MS)}`;
    await this.redis
      .multi()
      .hincrby(capped, 'skipped', 1)
      .hset(capped, 'listId', listId, 'at', now)
      .expire(capped, (CAP_ATTENTION_HOURS + 24) * 3600)
      .exec();
    return 'hourly_cap';
  }

  /**
   * Only the per-address limit: for an import's double opt-in, where the marketer (not a stranger)
   * asks and the forms' hourly cap would silently drop most of a big file.
   */
  async reserveAddress(email: string): Promise<ConfirmationVerdict> {
    const verdict = await this.limiter.take(this.windows(email).slice(0, 1), this.clock.now().getTime());
    return verdict.allowed ? 'send' : 'recently_sent';
  }

  /** Gives back a reservation whose mail could not be sent (the job is retried). */
  async release(email: string, addressOnly = false): Promise<void> {
    const windows = this.windows(email).slice(0, addressOnly ? 1 : undefined);
    await this.limiter.giveBack(windows.map((w) => w.key));
  }

  /** Hours of the last CAP_ATTENTION_HOURS in which the cap held mails back, newest first. */
  async cappedHours(): Promise<CappedHour[]> {
    const current = Math.floor(this.clock.now().getTime() / HOUR_MS);
    const hours = Array.from({ length: CAP_ATTENTION_HOURS }, (_, i) => current - i);
    const pipeline = this.redis.pipeline();
    for (const hour of hours) pipeline.hgetall(`${this.prefix}:capped:${hour}`);
    const replies = (await pipeline.exec()) ?? [];
    return hours.flatMap((hour, i) => {
      const row = replies[i]?.[1] as Record<string, string> | undefined;
      if (!row?.skipped) return [];
      return [
        {
          hourStart: new Date(hour * HOUR_MS),
          skipped: Number(row.skipped),
          listId: Number(row.listId),
          lastAt: new Date(Number(row.at)),
        },
      ];
    });
  }

  /** One mail per address per interval, and the hourly cap of all forms together (0 = none at all). */
  private windows(email: string): RateWindow[] {
    const { confirmIntervalMs, confirmHourlyCap } = this.config.subscribeForm;
    return [
      { key: `confirm-mail:address:${emailHash(email)}`, limit: 1, windowMs: confirmIntervalMs },
      { key: 'confirm-mail:all-forms', limit: confirmHourlyCap, windowMs: HOUR_MS },
    ];
  }
}
