import { Injectable, OnModuleInit } from '@nestjs/common';
import { ErasureHooks } from '../audience/subscribers/erasure-hooks';
import { execute, sql } from '../common/db/sql-dialect';
import { erasedData } from './webhook-payload.builder';

/**
 * Deliveries keep the address and what the person did in their payload, and a
 * receiver's answer may echo it: both go. Pending deliveries still go out, with ids only.
 */
@Injectable()
export class WebhooksPersonalDataErasure implements OnModuleInit {
  constructor(private readonly hooks: ErasureHooks) {}

  onModuleInit(): void {
    this.hooks.register('webhooks', async (subscriberId, _hash, manager) => {
      const rows: Array<{ id: number | string; data: string | Record<string, unknown> }> = await manager.query(
        sql(manager.connection, 'SELECT id, data FROM webhook_deliveries WHERE subscriber_id = ?'),
        [subscriberId],
      );
      for (const row of rows) {
        const data = typeof row.data === 'string' ? (JSON.parse(row.data) as Record<string, unknown>) : row.data;
        await execute(manager, 'UPDATE webhook_deliveries SET data = ? WHERE id = ?', [
          JSON.stringify(erasedData(data, subscriberId)),
          Number(row.id),
        ]);
      }
      await execute(
        manager,
        'UPDATE webhook_attempts SET response_excerpt = NULL WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE subscriber_id = ?)',
        [subscriberId],
      );
    });
  }
}
