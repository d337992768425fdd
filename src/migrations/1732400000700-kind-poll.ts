import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { migrationColumns } from '../common/db/columns';

export class KindPoll1732400000700 implements MigrationInterface {
  name = 'KindPoll1732400000700';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner.connection.driver.options.type);
    await queryRunner.createTable(
      new Table({
        name: 'poll_answers',
        columns: [
          c.id(),
          c.integer('campaign_id'),
          c.integer('subscriber_id'),
          c.integer('delivery_id'),
          c.varchar('value', 16),
          c.text('comment', true),
          c.timestamp('answered_at'),
          c.createdAt(),
        ],
        indices: [
          {
            name: 'uq_poll_answers_campaign_subscriber',
            columnNames: ['campaign_id', 'subscriber_id'],
            isUnique: true,
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('poll_answers');
  }
}
