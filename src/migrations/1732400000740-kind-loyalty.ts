import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { migrationColumns } from '../common/db/columns';

export class KindLoyalty1732400000740 implements MigrationInterface {
  name = 'KindLoyalty1732400000740';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner.connection.driver.options.type);
    await queryRunner.createTable(
      new Table({
        name: 'points_ledger',
        columns: [
          c.id(),
          c.integer('subscriber_id'),
          c.varchar('entry_type', 16),
          c.integer('points'),
          c.varchar('reason', 300),
          c.integer('campaign_id', true),
          c.varchar('order_id', 120, true),
          c.varchar('idempotency_key', 200),
          c.timestamp('created_at'),
        ],
        indices: [
          { name: 'ix_points_ledger_subscriber', columnNames: ['subscriber_id', 'created_at'] },
          { name: 'uq_points_ledger_idempotency_key', columnNames: ['idempotency_key'], isUnique: true },
          { name: 'ix_points_ledger_campaign', columnNames: ['campaign_id'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('points_ledger');
  }
}
