import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { AppConfig } from '../config/app-config';
import { FixedWindowLimiter } from '../common/rate-limit/fixed-window.limiter';
import { APP_CONFIG } from '../config/config.module';
import { redisOptions } from './redis-options';
import { REDIS, RedisLifecycle } from './redis.provider';
import { WorkerRoleStarter } from './worker-role.starter';

@Global()
@Module({
  imports: [
    DiscoveryModule,
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // BullMQ builds its ioredis clients as new Redis(url, rest).
        connection: { url: config.redisUrl, ...(redisOptions(config) as object), maxRetriesPerRequest: null },
        prefix: config.queuePrefix,
        defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 5000 },
      }),
    }),
  ],
  providers: [
    RedisLifecycle,
    { provide: REDIS, inject: [RedisLifecycle], useFactory: (lifecycle: RedisLifecycle) => lifecycle.client },
    WorkerRoleStarter,
    FixedWindowLimiter,
  ],
  exports: [REDIS, FixedWindowLimiter],
})
export class QueueModule {}
