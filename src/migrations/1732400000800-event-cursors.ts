import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { migrationColumns } from '../common/db/columns';

export class EventCursors1732400000800 implements MigrationInterface {
  name = 'EventCursors1732400000800';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner.connection.driver.options.type);
    await queryRunner.createTable(
      new Table({
        name: 'event_cursors',
        columns: [{ ...c.varchar('name', 64), isPrimary: true }, c.integer('last_id', false, 0), c.updatedAt()],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('event_cursors');
  }
}
