import { Injectable, OnModuleInit } from '@nestjs/common';
import { ErasureHooks } from '../audience/subscribers/erasure-hooks';
import { execute } from '../common/db/sql-dialect';

/** What a person wrote beside a one-click act (a comment, a note) goes; a pending act is never done. */
@Injectable()
export class ActsPersonalDataErasure implements OnModuleInit {
  constructor(private readonly hooks: ErasureHooks) {}

  onModuleInit(): void {
    this.hooks.register('acts', async (subscriberId, _hash, manager) => {
      await execute(
        manager,
        "UPDATE pending_acts SET payload = '{}', status = CASE WHEN status = 'pending' THEN 'erased' ELSE status END WHERE subscriber_id = ?",
        [subscriberId],
      );
    });
  }
}
