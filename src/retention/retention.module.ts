import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AccountsModule } from '../auth/accounts.module';
import { RetentionPruner } from './retention-pruner';
import { RETENTION_QUEUE, RetentionProcessor, RetentionScheduler } from './retention.processor';

/** Scheduled pruning of webhook deliveries, idempotency keys, import bad rows and ended sessions (RETAIN_* settings). */
@Module({
  imports: [AccountsModule, BullModule.registerQueue({ name: RETENTION_QUEUE })],
  providers: [RetentionPruner, RetentionProcessor, RetentionScheduler],
  exports: [RetentionPruner],
})
export class RetentionModule {}
