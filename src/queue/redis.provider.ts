import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { redisOptions } from './redis-options';

export const REDIS = Symbol('REDIS');
export const InjectRedis = (): ParameterDecorator => Inject(REDIS);

/** Owns the shared ioredis client used outside BullMQ (buffers, counters, health). */
@Injectable()
export class RedisLifecycle implements OnApplicationShutdown {
  readonly client: Redis;

  constructor(@InjectConfig() config: AppConfig) {
    this.client = new Redis(config.redisUrl!, { ...redisOptions(config), maxRetriesPerRequest: null });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
