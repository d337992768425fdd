import { Injectable, OnModuleInit } from '@nestjs/common';
import { ErasureHooks } from '../../audience/subscribers/erasure-hooks';
import { execute } from '../../common/db/sql-dialect';

// Free text and addresses people typed into kind pages; the rows stay for the counts.
const FREE_TEXT: Array<[table: string, column: string]> = [
  ['poll_answers', 'comment'],
  ['gift_claims', 'address'],
  ['contest_entries', 'answer'],
  ['service_requests', 'note'],
];

@Injectable()
export class KindsPersonalDataErasure implements OnModuleInit {
  constructor(private readonly hooks: ErasureHooks) {}

  onModuleInit(): void {
    this.hooks.register('kinds', async (subscriberId, _hash, manager) => {
      for (const [table, column] of FREE_TEXT) {
        await execute(manager, `UPDATE ${table} SET ${column} = NULL WHERE subscriber_id = ?`, [subscriberId]);
      }
    });
  }
}
