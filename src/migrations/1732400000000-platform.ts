import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { migrationColumns } from '../common/db/columns';

export class Platform1732400000000 implements MigrationInterface {
  name = 'Platform1732400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner.connection.driver.options.type);
    await queryRunner.createTable(
      new Table({
        name: 'api_keys',
        columns: [
          c.id(),
          c.varchar('name', 120),
          c.varchar('prefix', 16),
          c.varchar('hash', 64),
          c.createdAt(),
          c.timestamp('last_used_at', true),
          c.timestamp('revoked_at', true),
        ],
        indices: [{ name: 'uq_api_keys_prefix', columnNames: ['prefix'], isUnique: true }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('api_keys');
  }
}
