import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { migrationColumns } from '../common/db/columns';

// One count per act: events carry a repeat flag. One-click acts from mail links
// wait in pending_acts until the scanner rules have seen the whole message.
export class ValueTruth1732400000900 implements MigrationInterface {
  name = 'ValueTruth1732400000900';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner.connection.driver.options.type);
    await queryRunner.addColumn('events', new TableColumn(c.boolean('repeat')));
    // The scanner and repeat rules read a delivery's recent hits: bounded by time, not all its events ever.
    await queryRunner.createIndex(
      'events',
      new TableIndex({ name: 'ix_events_delivery_type_time', columnNames: ['delivery_id', 'type', 'occurred_at'] }),
    );
    await queryRunner.dropIndex('events', 'ix_events_delivery_type');
    await queryRunner.createTable(
      new Table({
        name: 'pending_acts',
        columns: [
          c.id(),
          c.varchar('kind', 16),
          c.integer('campaign_id'),
          c.integer('delivery_id'),
          c.integer('subscriber_id'),
          c.varchar('link', 64),
          c.json('payload'),
          c.timestamp('occurred_at'),
          c.timestamp('due_at'),
          c.varchar('status', 16),
          c.varchar('reason', 64, true),
          c.timestamp('settled_at', true),
          c.createdAt(),
        ],
        indices: [
          { name: 'ix_pending_acts_status_due', columnNames: ['status', 'due_at'] },
          { name: 'ix_pending_acts_delivery', columnNames: ['delivery_id', 'occurred_at'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('pending_acts');
    await queryRunner.createIndex(
      'events',
      new TableIndex({ name: 'ix_events_delivery_type', columnNames: ['delivery_id', 'type'] }),
    );
    await queryRunner.dropIndex('events', 'ix_events_delivery_type_time');
    await queryRunner.dropColumn('events', 'repeat');
  }
}
