import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { migrationColumns } from '../common/db/columns';

// A list's public sign-up form answers only when switched on: existing lists start closed.
export class ListPublicForm1732400000870 implements MigrationInterface {
  name = 'ListPublicForm1732400000870';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner.connection.driver.options.type);
    await queryRunner.addColumn('lists', new TableColumn(c.boolean('public_form', false)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('lists', 'public_form');
  }
}
