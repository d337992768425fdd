import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { MailTransport } from '../mail/mail-transport.service';
import { InjectRedis } from '../queue/redis.provider';

export type CheckState = 'ok' | 'down';
export interface HealthReport {
  status: 'ok' | 'degraded';
  checks: { database: CheckState; redis: CheckState; smtp: CheckState };
  errors?: Record<string, string>;
}

const TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timed out')), TIMEOUT_MS).unref())]);
}

@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRedis() private readonly redis: Redis,
    private readonly mail: MailTransport,
  ) {}

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
      run('smtp', () => this.mail.verify()),
    ]);
    const ok = database === 'ok' && redis === 'ok' && smtp === 'ok';
    return { status: ok ? 'ok' : 'degraded', checks: { database, redis, smtp }, ...(ok ? {} : { errors }) };
  }
}
