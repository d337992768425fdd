import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { importErrorsCutoff, pruneImportErrors } from '../audience/imports/import-errors.retention';
import { SessionStore } from '../auth/sessions/session.store';
import { Clock } from '../common/clock';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { pruneIdempotencyKeys } from '../events/idempotency-keys.retention';
import { pruneWebhookDeliveries } from '../webhooks/webhook-deliveries.retention';

const DAY_MS = 86_400_000;
// Rows per statement: short transactions, so pruning never holds the send path up.
const BATCH = 1000;

export interface PruneResult {
  webhookDeliveries: number;
  idempotencyKeys: number;
  importErrors: number;
  sessions: number;
}

/** Removes operational records older than their RETAIN_* setting (0 keeps them forever) and ended sessions. */
@Injectable()
export class RetentionPruner {
  private readonly logger = new Logger('Retention');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionStore,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async prune(): Promise<PruneResult> {
    const now = this.clock.now();
    const { webhookDeliveriesDays, idempotencyKeysDays, importErrorsDays } = this.config.retention;
    const ds = this.dataSource;
    const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
    const result: PruneResult = {
      webhookDeliveries:
        webhookDeliveriesDays > 0 ? await pruneWebhookDeliveries(ds, before(webhookDeliveriesDays), BATCH) : 0,
      idempotencyKeys: idempotencyKeysDays > 0 ? await pruneIdempotencyKeys(ds, before(idempotencyKeysDays), BATCH) : 0,
      importErrors:
        importErrorsDays > 0 ? await pruneImportErrors(ds, importErrorsCutoff(now, importErrorsDays), BATCH) : 0,
      sessions: await this.sessions.deleteExpired(now),
    };
    const total = Object.values(result).reduce((a, b) => a + b, 0);
    if (total > 0)
      this.logger.log(
        `Pruned ${Object.entries(result)
          .filter(([, n]) => n > 0)
          .map(([what, n]) => `${n} ${what}`)
          .join(', ')}`,
      );
    return result;
  }
}
