import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { REDIS, RedisLifecycle } from './redis.provider';
import { WorkerRoleStarter } from './worker-role.starter';

@Global()
@Module({
  imports: [
    DiscoveryModule,
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: { url: config.redisUrl, maxRetriesPerRequest: null },
        prefix: config.queuePrefix,
        defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 5000 },
      }),
    }),
  ],
  providers: [
    RedisLifecycle,
    { provide: REDIS, inject: [RedisLifecycle], useFactory: (lifecycle: RedisLifecycle) => lifecycle.client },
    WorkerRoleStarter,
  ],
  exports: [REDIS],
})
export class QueueModule {}
