import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { InjectRedis } from '../../queue/redis.provider';
import { emailHash } from '../email-address';

const HOUR_MS = 3_600_000;
/** Hours the dashboard looks back for a reached cap. */
export const CAP_ATTENTION_HOURS = 24;

export type ConfirmationVerdict = 'send' | 'recently_sent' | 'hourly_cap';

// One atomic step, so concurrent workers cannot both pass either limit. Times are
// the injected Clock's (ARGV[1]), not Redis's, so tests can move them.
// KEYS: last mail to the address, mails this hour, what the cap held back this hour.
// ARGV: now ms, interval ms, hourly cap, list id.
const RESERVE = `
local last = redis.call('GET', KEYS[1])
if last and tonumber(ARGV[1]) - tonumber(last) < tonumber(ARGV[2]) then return 1 end
if tonumber(redis.call('GET', KEYS[2]) or '0') >= tonumber(ARGV[3]) then
  redis.call('HINCRBY', KEYS[3], 'skipped', 1)
  redis.call('HSET', KEYS[3], 'listId', ARGV[4], 'at', ARGV[1])
  redis.call('EXPIRE', KEYS[3], ${(CAP_ATTENTION_HOURS + 24) * 3600})
  return 2
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('INCR', KEYS[2])
redis.call('EXPIRE', KEYS[2], 7200)
return 0`;

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
  ) {
    this.prefix = `${config.queuePrefix}:confirm-mail`;
  }

  /** Takes one confirmation mail to `email` out of both limits, or says which one refuses it. */
  async reserve(email: string, listId: number): Promise<ConfirmationVerdict> {
    const now = this.clock.now().getTime();
    const { confirmIntervalMs, confirmHourlyCap } = this.config.subscribeForm;
    const hour = Math.floor(now / HOUR_MS);
    const result = await this.redis.eval(
      RESERVE,
      3,
      this.addressKey(email),
      `${this.prefix}:hour:${hour}`,
      `${this.prefix}:capped:${hour}`,
      now,
      confirmIntervalMs,
      confirmHourlyCap,
      listId,
    );
    return (['send', 'recently_sent', 'hourly_cap'] as const)[Number(result)];
  }

  /** Gives back a reservation whose mail could not be sent (the job is retried). */
  async release(email: string, reservedAt: Date): Promise<void> {
    const hour = Math.floor(reservedAt.getTime() / HOUR_MS);
    await this.redis.multi().del(this.addressKey(email)).decr(`${this.prefix}:hour:${hour}`).exec();
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

  private addressKey(email: string): string {
    return `${this.prefix}:address:${emailHash(email)}`;
  }
}
