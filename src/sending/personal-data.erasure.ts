import { Injectable, OnModuleInit } from '@nestjs/common';
import { ErasureHooks } from '../audience/subscribers/erasure-hooks';
import { execute } from '../common/db/sql-dialect';

/**
 * Erasure of what the send pipeline and the event log keep about a person:
 * SMTP replies and errors quote the address, events keep IP and user agent.
 * The rows stay (counts and reports), the personal data goes.
 */
@Injectable()
export class SendingPersonalDataErasure implements OnModuleInit {
  constructor(private readonly hooks: ErasureHooks) {}

  onModuleInit(): void {
    this.hooks.register('deliveries', async (subscriberId, _hash, manager) => {
      await execute(
        manager,
        'UPDATE deliveries SET smtp_response = NULL, error = NULL, kind_data = NULL WHERE subscriber_id = ?',
        [subscriberId],
      );
    });
    this.hooks.register('events', async (subscriberId, _hash, manager) => {
      await execute(manager, `UPDATE events SET ip = NULL, user_agent = NULL, data = '{}' WHERE subscriber_id = ?`, [
        subscriberId,
      ]);
    });
  }
}
