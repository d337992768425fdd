import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { migrationColumns } from '../common/db/columns';

// An import keeps the encoding and separator it is read in, so the report can state them and
// an encoding the marketer chose is used by the worker instead of detection.
export class ImportEncoding1732400000950 implements MigrationInterface {
  name = 'ImportEncoding1732400000950';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner.connection.driver.options.type);
    await queryRunner.addColumns('imports', [
      new TableColumn(c.varchar('encoding', 16, true)),
      new TableColumn(c.boolean('encoding_chosen', false)),
      new TableColumn(c.varchar('delimiter', 4, true)),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('imports', ['delimiter', 'encoding_chosen', 'encoding']);
  }
}
