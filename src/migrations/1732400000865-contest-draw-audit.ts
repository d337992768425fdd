import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { migrationColumns } from '../common/db/columns';

// A draw nobody can steer: the commitment may name a public beacon round, the entry
// list is frozen (with pseudonymous entry ids) before that round is out, and the draw
// records which algorithm made it. Draws made before keep algorithm 1 and their record.
export class ContestDrawAudit1732400000865 implements MigrationInterface {
  name = 'ContestDrawAudit1732400000865';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner.connection.driver.options.type);
    await queryRunner.addColumns('contest_draws', [
      new TableColumn({ ...c.varchar('algorithm', 32), default: "'valuemail-draw/1'" }),
      new TableColumn(c.integer('beacon_round', true)),
      new TableColumn(c.varchar('beacon_value', 128, true)),
      new TableColumn(c.timestamp('frozen_at', true)),
      new TableColumn(c.integer('excluded_erased', true)),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['excluded_erased', 'frozen_at', 'beacon_value', 'beacon_round', 'algorithm'])
      await queryRunner.dropColumn('contest_draws', column);
  }
}
