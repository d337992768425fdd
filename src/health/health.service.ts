import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { MailTransport } from '../mail/mail-transport.service';
import { InjectRedis } from '../queue/redis.provider';

export type CheckState = 'ok' | 'down';
export interface HealthReport {
  status: 'ok' | 'degraded';
  checks: { database: CheckState; redis: CheckState; smtp: CheckState };
  errors?: Record<string, string>;
}

const TIMEOUT_MS = 3000;
// /health is public: without this each hit opened an SMTP connection to the relay.
const SMTP_CHECK_REUSE_MS = 30_000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timed out')), TIMEOUT_MS).unref()),
  ]);
}

@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRedis() private readonly redis: Redis,
    private readonly mail: MailTransport,
    private readonly clock: Clock,
  ) {}

  private smtpCheck?: { at: number; result: Promise<unknown> };

  /** One SMTP check at a time, its outcome reused for 30 s (a failure too, so a flood cannot retry it either). */
  private verifySmtp(): Promise<unknown> {
    const now = this.clock.now().getTime();
    if (!this.smtpCheck || now - this.smtpCheck.at >= SMTP_CHECK_REUSE_MS) {
      const result = withTimeout(this.mail.verify());
      result.catch(() => undefined);
      this.smtpCheck = { at: now, result };
    }
    return this.smtpCheck.result;
  }

  async check(): Promise<HealthReport> {
    const errors: Record<string, string> = {};
    const run = async (name: string, probe: () => Promise<unknown>): Promise<CheckState> => {
      try {
        await withTimeout(probe());
        return 'ok';
      } catch (error) {
        errors[name] = error instanceof Error ? error.message : String(error);
        return 'down';
      }
    };
    const [database, redis, smtp] = await Promise.all([
      run('database', () => this.dataSource.query('SELECT 1')),
      run('redis', () => this.redis.ping()),
      run('smtp', () => this.verifySmtp()),
    ]);
    const ok = database === 'ok' && redis === 'ok' && smtp === 'ok';
    return { status: ok ? 'ok' : 'degraded', checks: { database, redis, smtp }, ...(ok ? {} : { errors }) };
  }
}
