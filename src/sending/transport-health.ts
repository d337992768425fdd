import { Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { Clock } from '../common/clock';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { MailTransport } from '../mail/mail-transport.service';
import { InjectRedis } from '../queue/redis.provider';

export interface TransportOutage {
  transport: string;
  /** When the first send or probe failed. */
  since: Date;
  reason: string;
  /** When the next connection probe may run. */
  probeAt: Date;
}

interface StoredOutage {
  since: number;
  reason: string;
  probeAt: number;
  backoffMs: number;
}

const FIRST_PROBE_MS = 500;
const LOCAL_CACHE_MS = 250;

/**
 * A circuit breaker per SMTP transport, shared by every worker through Redis.
 * A relay that refuses connections, times out or answers 421/454 is down for
 * everyone: sends stop without burning any message's attempts, one worker at a
 * time probes it (EHLO/AUTH through Nodemailer's verify) with a backoff capped
 * at SMTP_PROBE_MAX_SECONDS, and the first probe that succeeds resumes sending.
 */
@Injectable()
export class TransportHealth {
  private readonly logger = new Logger('TransportHealth');
  private readonly cached = new Map<string, { at: number; outage: StoredOutage | null }>();

  constructor(
    @InjectRedis() private readonly redis: Redis,
    private readonly mail: MailTransport,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  private key(transport: string): string {
    return `${this.config.queuePrefix}:smtp-outage:${transport}`;
  }

  /** The transport's outage, from a local copy at most 250 ms old (asked before every message). */
  async outage(transport: string): Promise<TransportOutage | null> {
    const now = Date.now();
    const hit = this.cached.get(transport);
    const stored = hit && now - hit.at < LOCAL_CACHE_MS ? hit.outage : await this.read(transport);
    return (
      stored && { transport, since: new Date(stored.since), reason: stored.reason, probeAt: new Date(stored.probeAt) }
    );
  }

  /** Every configured transport that is down now (for progress and /health). */
  async outages(): Promise<TransportOutage[]> {
    const all = await Promise.all(this.mail.names().map((name) => this.outage(name)));
    return all.filter((o): o is TransportOutage => o !== null);
  }

  /** A send failed at the connection level: the transport is down from now (or since its first failure). */
  async reportDown(transport: string, reason: string): Promise<void> {
    const now = this.clock.now().getTime();
    // A transport that went down again soon after recovering (a provider's 421 "slow down") waits longer each time.
    const recent = Number(await this.redis.get(`${this.key(transport)}:recent`)) || 0;
    const backoffMs = Math.min(Math.max(FIRST_PROBE_MS, recent * 2), this.config.sending.probeMaxMs);
    const fresh: StoredOutage = { since: now, reason, probeAt: now + backoffMs, backoffMs };
    const created = await this.redis.set(this.key(transport), JSON.stringify(fresh), 'NX');
    if (created)
      this.logger.warn(`SMTP transport "${transport}" is down (${reason}); sending waits, no attempt is counted`);
    this.cached.delete(transport);
  }

  /**
   * While down: when the probe is due and no other worker probes, connect once.
   * Answers whether the transport can be used now.
   */
  async probeIfDue(transport: string): Promise<boolean> {
    const outage = await this.read(transport);
    if (!outage) return true;
    const now = this.clock.now().getTime();
    if (now < outage.probeAt) return false;
    const lock = await this.redis.set(`${this.key(transport)}:probe`, '1', 'PX', 30_000, 'NX');
    if (!lock) return false;
    try {
      await this.mail.verify(transport);
      await this.redis
        .multi()
        .del(this.key(transport))
        .set(`${this.key(transport)}:recent`, String(outage.backoffMs), 'PX', 60_000)
        .exec();
      this.cached.delete(transport);
      this.logger.log(
        `SMTP transport "${transport}" answers again after ${Math.round((now - outage.since) / 1000)} s; sending resumes`,
      );
      return true;
    } catch (error) {
      const backoffMs = Math.min(outage.backoffMs * 2, this.config.sending.probeMaxMs);
      const next: StoredOutage = {
        ...outage,
        reason: describe(error),
        probeAt: this.clock.now().getTime() + backoffMs,
        backoffMs,
      };
      await this.redis.set(this.key(transport), JSON.stringify(next), 'XX');
      this.cached.delete(transport);
      return false;
    } finally {
      await this.redis.del(`${this.key(transport)}:probe`);
    }
  }

  /** Milliseconds until the next probe may run (0 when up). */
  async msUntilProbe(transport: string): Promise<number> {
    const outage = await this.read(transport);
    return outage ? Math.max(0, outage.probeAt - this.clock.now().getTime()) : 0;
  }

  private async read(transport: string): Promise<StoredOutage | null> {
    const raw = await this.redis.get(this.key(transport));
    const outage = raw ? (JSON.parse(raw) as StoredOutage) : null;
    this.cached.set(transport, { at: Date.now(), outage });
    return outage;
  }
}

function describe(error: unknown): string {
  const e = error as { response?: string; message?: string };
  return (e.response || e.message || String(error)).slice(0, 300);
}
