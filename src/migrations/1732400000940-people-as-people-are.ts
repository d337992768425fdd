import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { migrationColumns } from '../common/db/columns';

// First and last name as subscriber fields (the tags greet by first name), the import run that last
// touched a subscriber (the wizard links to the imported people), and an import's consent basis.
export class PeopleAsPeopleAre1732400000940 implements MigrationInterface {
  name = 'PeopleAsPeopleAre1732400000940';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner.connection.driver.options.type);
    await queryRunner.addColumns('subscribers', [
      new TableColumn({ ...c.varchar('first_name', 100), default: "''" }),
      new TableColumn({ ...c.varchar('last_name', 100), default: "''" }),
      new TableColumn(c.integer('import_id', true)),
    ]);
    await queryRunner.createIndex(
      'subscribers',
      new TableIndex({ name: 'ix_subscribers_import', columnNames: ['import_id'] }),
    );
    await queryRunner.addColumns('imports', [
      new TableColumn(c.varchar('consent_basis', 16, true)),
      new TableColumn(c.varchar('consent_source', 200, true)),
      new TableColumn(c.timestamp('consent_at', true)),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('imports', 'consent_at');
    await queryRunner.dropColumn('imports', 'consent_source');
    await queryRunner.dropColumn('imports', 'consent_basis');
    await queryRunner.dropIndex('subscribers', 'ix_subscribers_import');
    await queryRunner.dropColumn('subscribers', 'import_id');
    await queryRunner.dropColumn('subscribers', 'last_name');
    await queryRunner.dropColumn('subscribers', 'first_name');
  }
}
