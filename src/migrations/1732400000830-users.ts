import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { migrationColumns } from '../common/db/columns';

export class Users1732400000830 implements MigrationInterface {
  name = 'Users1732400000830';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner.connection.driver.options.type);
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          c.id(),
          c.varchar('email', 254),
          c.varchar('name', 200),
          c.varchar('password_hash', 255),
          c.varchar('role', 16),
          { ...c.varchar('locale', 8), default: "'en'" },
          c.boolean('disabled', false),
          c.timestamp('last_login_at', true),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [{ name: 'uq_users_email', columnNames: ['email'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'user_sessions',
        columns: [
          c.id(),
          c.integer('user_id'),
          // SHA-256 of the cookie's token, hex: a database leak gives no usable session.
          c.varchar('token_hash', 64),
          c.varchar('csrf_token', 64),
          c.varchar('ip', 64, true),
          c.varchar('user_agent', 300, true),
          c.createdAt(),
          c.timestamp('last_seen_at'),
          c.timestamp('expires_at'),
        ],
        indices: [
          { name: 'uq_user_sessions_token_hash', columnNames: ['token_hash'], isUnique: true },
          { name: 'ix_user_sessions_user', columnNames: ['user_id'] },
        ],
        foreignKeys: [
          {
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('user_sessions');
    await queryRunner.dropTable('users');
  }
}
