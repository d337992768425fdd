import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { migrationColumns } from '../common/db/columns';

export class Tracking1732400000650 implements MigrationInterface {
  name = 'Tracking1732400000650';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner.connection.driver.options.type);
    await queryRunner.addColumn('campaigns', new TableColumn(c.json('utm', true)));
    // The drain asks per delivery "any open yet?" and "clicks in the last second?".
    await queryRunner.createIndex(
      'events',
      new TableIndex({ name: 'ix_events_delivery_type', columnNames: ['delivery_id', 'type'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [
          c.id(),
          c.varchar('scope', 32),
          c.varchar('key', 200),
          c.varchar('request_hash', 64),
          c.integer('status_code'),
          c.text('response'),
          c.createdAt(),
        ],
        indices: [{ name: 'uq_idempotency_scope_key', columnNames: ['scope', 'key'], isUnique: true }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('idempotency_keys');
    await queryRunner.dropIndex('events', 'ix_events_delivery_type');
    await queryRunner.dropColumn('campaigns', 'utm');
  }
}
