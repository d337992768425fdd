import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { migrationColumns } from '../common/db/columns';

export class Webhooks1732400000820 implements MigrationInterface {
  name = 'Webhooks1732400000820';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner.connection.driver.options.type);
    await queryRunner.createTable(
      new Table({
        name: 'webhook_endpoints',
        columns: [
          c.id(),
          c.varchar('name', 100),
          c.varchar('url', 2000),
          c.varchar('secret', 200),
          c.varchar('description', 500),
          c.json('events'),
          c.boolean('include_machine', false),
          c.boolean('enabled', true),
          c.varchar('disabled_reason', 500, true),
          c.timestamp('disabled_at', true),
          c.integer('consecutive_failures', false, 0),
          // The log position when the endpoint was created: it never receives older events.
          c.integer('start_after_event_id', false, 0),
          c.timestamp('last_success_at', true),
          c.timestamp('last_failure_at', true),
          c.createdAt(),
          c.updatedAt(),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'webhook_deliveries',
        columns: [
          c.id(),
          c.integer('endpoint_id'),
          c.varchar('event', 40),
          c.integer('event_id', true),
          // What this delivery announces (log event, class change, ping): one delivery per endpoint and source.
          c.varchar('source_key', 120),
          c.integer('subscriber_id', true),
          c.json('data'),
          c.timestamp('occurred_at'),
          c.varchar('status', 16),
          c.integer('attempts', false, 0),
          c.integer('max_attempts'),
          c.boolean('manual', false),
          c.timestamp('next_attempt_at', true),
          c.timestamp('queued_at', true),
          c.integer('last_status_code', true),
          c.varchar('last_error', 500, true),
          c.timestamp('completed_at', true),
          c.createdAt(),
        ],
        indices: [
          { name: 'uq_webhook_deliveries_endpoint_source', columnNames: ['endpoint_id', 'source_key'], isUnique: true },
          { name: 'ix_webhook_deliveries_endpoint_status', columnNames: ['endpoint_id', 'status', 'id'] },
          { name: 'ix_webhook_deliveries_status_queued', columnNames: ['status', 'queued_at'] },
          { name: 'ix_webhook_deliveries_subscriber', columnNames: ['subscriber_id'] },
        ],
        foreignKeys: [
          {
            columnNames: ['endpoint_id'],
            referencedTableName: 'webhook_endpoints',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'webhook_attempts',
        columns: [
          c.id(),
          c.integer('delivery_id'),
          c.timestamp('attempted_at'),
          c.varchar('address', 64, true),
          c.integer('status_code', true),
          c.integer('duration_ms'),
          c.varchar('error', 500, true),
          c.text('response_excerpt', true),
        ],
        indices: [{ name: 'ix_webhook_attempts_delivery', columnNames: ['delivery_id', 'id'] }],
        foreignKeys: [
          {
            columnNames: ['delivery_id'],
            referencedTableName: 'webhook_deliveries',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('webhook_attempts');
    await queryRunner.dropTable('webhook_deliveries');
    await queryRunner.dropTable('webhook_endpoints');
  }
}
