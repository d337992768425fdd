import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { migrationColumns } from '../common/db/columns';

export class Audience1732400000100 implements MigrationInterface {
  name = 'Audience1732400000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner.connection.driver.options.type);
    await queryRunner.createTable(
      new Table({
        name: 'subscribers',
        columns: [
          c.id(),
          c.varchar('email', 254, true),
          { ...c.varchar('name', 200), default: "''" },
          { ...c.json('attributes'), default: "'{}'" },
          { ...c.varchar('status', 16), default: "'active'" },
          c.varchar('external_id', 120, true),
          { ...c.varchar('locale', 8), default: "'en'" },
          c.boolean('tracking_opt_out'),
          c.timestamp('erased_at', true),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [
          { name: 'uq_subscribers_email', columnNames: ['email'], isUnique: true },
          { name: 'ix_subscribers_status', columnNames: ['status'] },
          { name: 'ix_subscribers_external_id', columnNames: ['external_id'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'lists',
        columns: [
          c.id(),
          c.varchar('name', 200),
          { ...c.text('description'), default: "''" },
          { ...c.varchar('opt_in', 8), default: "'single'" },
          { ...c.json('tags'), default: "'[]'" },
          c.createdAt(),
          c.updatedAt(),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'list_memberships',
        columns: [
          { ...c.integer('list_id'), isPrimary: true },
          { ...c.integer('subscriber_id'), isPrimary: true },
          c.varchar('status', 16),
          c.timestamp('confirmed_at', true),
          c.timestamp('unsubscribed_at', true),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [{ name: 'ix_list_memberships_subscriber', columnNames: ['subscriber_id'] }],
        foreignKeys: [
          { columnNames: ['list_id'], referencedTableName: 'lists', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['subscriber_id'], referencedTableName: 'subscribers', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'suppressions',
        columns: [
          { ...c.varchar('email_hash', 64), isPrimary: true },
          c.varchar('reason', 16),
          { ...c.varchar('detail', 200), default: "''" },
          c.createdAt(),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['suppressions', 'list_memberships', 'lists', 'subscribers']) await queryRunner.dropTable(table);
  }
}
