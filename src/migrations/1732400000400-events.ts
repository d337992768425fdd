import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { migrationColumns } from '../common/db/columns';

export class Events1732400000400 implements MigrationInterface {
  name = 'Events1732400000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner.connection.driver.options.type);
    await queryRunner.createTable(
      new Table({
        name: 'events',
        columns: [
          c.id(),
          c.varchar('type', 32),
          c.integer('campaign_id', true),
          c.integer('delivery_id', true),
          c.integer('subscriber_id', true),
          c.timestamp('occurred_at'),
          { ...c.json('data'), default: "'{}'" },
          c.boolean('machine'),
          c.varchar('machine_reason', 64, true),
          c.varchar('ip', 64, true),
          c.varchar('user_agent', 300, true),
          c.varchar('dedupe_key', 120, true),
          c.createdAt(),
        ],
        indices: [
          { name: 'ix_events_subscriber_time', columnNames: ['subscriber_id', 'occurred_at'] },
          { name: 'ix_events_campaign_type', columnNames: ['campaign_id', 'type'] },
          { name: 'ix_events_type_time', columnNames: ['type', 'occurred_at'] },
          { name: 'uq_events_dedupe_key', columnNames: ['dedupe_key'], isUnique: true },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('events');
  }
}
