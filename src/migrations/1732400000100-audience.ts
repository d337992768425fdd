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
          // SHA-256 of the lower-cased address: joins against suppressions; cleared on erasure.
          c.varchar('email_hash', 64, true),
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
          { name: 'ix_subscribers_email_hash', columnNames: ['email_hash'] },
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
          {
            columnNames: ['list_id'],
            referencedTableName: 'lists',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          {
            columnNames: ['subscriber_id'],
            referencedTableName: 'subscribers',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
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
    await queryRunner.createTable(
      new Table({
        name: 'segments',
        columns: [
          c.id(),
          c.varchar('name', 200),
          { ...c.text('description'), default: "''" },
          c.json('filter'),
          c.createdAt(),
          c.updatedAt(),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'consent_records',
        columns: [
          c.id(),
          c.integer('subscriber_id'),
          c.integer('list_id', true),
          c.varchar('action', 16),
          c.varchar('method', 16),
          c.varchar('source', 120, true),
          c.varchar('ip', 64, true),
          c.varchar('user_agent', 400, true),
          { ...c.timestamp('at'), default: c.createdAt().default },
        ],
        indices: [{ name: 'ix_consent_records_subscriber', columnNames: ['subscriber_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'imports',
        columns: [
          c.id(),
          c.varchar('file_name', 255),
          c.varchar('stored_path', 500),
          c.integer('list_id', true),
          c.varchar('mode', 8),
          c.json('mapping'),
          c.varchar('status', 16),
          c.bigint('bytes_total', false, 0),
          c.bigint('bytes_read', false, 0),
          c.integer('lines_done', false, 0),
          c.integer('rows_read', false, 0),
          c.integer('imported', false, 0),
          c.integer('updated', false, 0),
          c.integer('skipped', false, 0),
          c.integer('failed', false, 0),
          c.text('error', true),
          c.timestamp('started_at', true),
          c.timestamp('finished_at', true),
          c.createdAt(),
          c.updatedAt(),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'import_errors',
        columns: [
          c.id(),
          c.integer('import_id'),
          c.integer('line'),
          c.varchar('reason', 200),
          // The offending email cell (possibly personal data), and its hash so erasure can find it.
          c.varchar('value', 254, true),
          c.varchar('email_hash', 64, true),
        ],
        indices: [
          { name: 'ix_import_errors_import', columnNames: ['import_id', 'line'] },
          { name: 'ix_import_errors_email_hash', columnNames: ['email_hash'] },
        ],
        foreignKeys: [
          {
            columnNames: ['import_id'],
            referencedTableName: 'imports',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'import_errors',
      'imports',
      'consent_records',
      'segments',
      'suppressions',
      'list_memberships',
      'lists',
      'subscribers',
    ])
      await queryRunner.dropTable(table);
  }
}
