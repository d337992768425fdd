import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { migrationColumns } from '../common/db/columns';

// Why people leave (an optional answer on the page after unsubscribing), and each
// subscriber's own IANA timezone for local-time sending and anniversaries.
export class UnsubscribeFeedbackAndTimezone1732400000930 implements MigrationInterface {
  name = 'UnsubscribeFeedbackAndTimezone1732400000930';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner.connection.driver.options.type);
    await queryRunner.createTable(
      new Table({
        name: 'unsubscribe_feedback',
        columns: [
          c.id(),
          c.integer('subscriber_id', true),
          c.integer('list_id', true),
          c.integer('campaign_id', true),
          c.varchar('reason', 32),
          c.text('note', true),
          c.createdAt(),
        ],
        indices: [
          { name: 'ix_unsubscribe_feedback_list', columnNames: ['list_id', 'created_at'] },
          { name: 'ix_unsubscribe_feedback_subscriber', columnNames: ['subscriber_id'] },
        ],
      }),
    );
    await queryRunner.addColumn('subscribers', new TableColumn(c.varchar('timezone', 64, true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('subscribers', 'timezone');
    await queryRunner.dropTable('unsubscribe_feedback');
  }
}
