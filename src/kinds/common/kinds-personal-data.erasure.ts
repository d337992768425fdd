import { Injectable, OnModuleInit } from '@nestjs/common';
import { ErasureHooks } from '../../audience/subscribers/erasure-hooks';
import { execute } from '../../common/db/sql-dialect';
import { KindRegistry } from '../kind-registry';

// Free text and addresses people typed into kind pages (each kind names its columns); the rows stay for the counts.
@Injectable()
export class KindsPersonalDataErasure implements OnModuleInit {
  constructor(
    private readonly hooks: ErasureHooks,
    private readonly kinds: KindRegistry,
  ) {}

  onModuleInit(): void {
    this.hooks.register('kinds', async (subscriberId, _hash, manager) => {
      for (const kind of this.kinds.all()) {
        for (const { table, column } of kind.personalData ?? []) {
          await execute(manager, `UPDATE ${table} SET ${column} = NULL WHERE subscriber_id = ?`, [subscriberId]);
        }
      }
    });
  }
}
