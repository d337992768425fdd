import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { migrationColumns } from '../common/db/columns';

export class KindService1732400000750 implements MigrationInterface {
  name = 'KindService1732400000750';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner.connection.driver.options.type);
    await queryRunner.createTable(
      new Table({
        name: 'service_requests',
        columns: [
          c.id(),
          c.integer('campaign_id'),
          c.integer('subscriber_id'),
          c.integer('delivery_id'),
          c.integer('offer_index'),
          c.varchar('offer_title', 200),
          c.text('note', true),
          c.varchar('status', 16),
          c.timestamp('created_at'),
          c.timestamp('updated_at'),
        ],
        indices: [
          {
            name: 'uq_service_requests_campaign_subscriber_offer',
            columnNames: ['campaign_id', 'subscriber_id', 'offer_index'],
            isUnique: true,
          },
          { name: 'ix_service_requests_status', columnNames: ['status', 'created_at'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('service_requests');
  }
}
