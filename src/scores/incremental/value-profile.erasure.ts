import { Injectable, OnModuleInit } from '@nestjs/common';
import { ErasureHooks } from '../../audience/subscribers/erasure-hooks';
import { execute } from '../../common/db/sql-dialect';
import { LIVE_TABLES, REBUILD_TABLES } from '../profile/profile-store';

/** An erased subscriber has no value profile; both write paths skip erased subscribers from then on. */
@Injectable()
export class ValueProfileErasure implements OnModuleInit {
  constructor(private readonly hooks: ErasureHooks) {}

  onModuleInit(): void {
    this.hooks.register('value_profiles', async (subscriberId, _hash, manager) => {
      for (const tables of [LIVE_TABLES, REBUILD_TABLES]) {
        await execute(manager, `DELETE FROM ${tables.interests} WHERE subscriber_id = ?`, [subscriberId]);
        await execute(manager, `DELETE FROM ${tables.profiles} WHERE subscriber_id = ?`, [subscriberId]);
      }
    });
  }
}
