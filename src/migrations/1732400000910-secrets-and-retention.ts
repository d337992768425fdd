import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { migrationColumns } from '../common/db/columns';

// Webhook secrets are stored encrypted (longer than the plain secret) and a
// rotated one stays valid for an overlap window. Pruning reads by age.
export class SecretsAndRetention1732400000910 implements MigrationInterface {
  name = 'SecretsAndRetention1732400000910';

  async up(queryRunner: QueryRunner): Promise<void> {
    const driver = queryRunner.connection.driver.options.type;
    const c = migrationColumns(driver);
    if (driver === 'postgres') await queryRunner.query('ALTER TABLE webhook_endpoints ALTER COLUMN secret TYPE text');
    await queryRunner.addColumns('webhook_endpoints', [
      new TableColumn(c.text('previous_secret', true)),
      new TableColumn(c.timestamp('previous_secret_until', true)),
    ]);
    await queryRunner.createIndex(
      'webhook_deliveries',
      new TableIndex({ name: 'ix_webhook_deliveries_completed', columnNames: ['completed_at'] }),
    );
    await queryRunner.createIndex(
      'idempotency_keys',
      new TableIndex({ name: 'ix_idempotency_keys_created', columnNames: ['created_at'] }),
    );
    await queryRunner.createIndex(
      'imports',
      new TableIndex({ name: 'ix_imports_finished', columnNames: ['finished_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('imports', 'ix_imports_finished');
    await queryRunner.dropIndex('idempotency_keys', 'ix_idempotency_keys_created');
    await queryRunner.dropIndex('webhook_deliveries', 'ix_webhook_deliveries_completed');
    await queryRunner.dropColumns('webhook_endpoints', ['previous_secret', 'previous_secret_until']);
  }
}
