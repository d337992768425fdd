import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { migrationColumns } from '../common/db/columns';

export class KindGift1732400000710 implements MigrationInterface {
  name = 'KindGift1732400000710';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner.connection.driver.options.type);
    await queryRunner.createTable(
      new Table({
        name: 'gift_claims',
        columns: [
          c.id(),
          c.integer('campaign_id'),
          c.integer('subscriber_id'),
          c.integer('delivery_id'),
          c.varchar('status', 16),
          c.varchar('code', 64, true),
          c.json('address', true),
          c.timestamp('claimed_at'),
        ],
        indices: [
          { name: 'uq_gift_claims_campaign_subscriber', columnNames: ['campaign_id', 'subscriber_id'], isUnique: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'gift_stocks',
        columns: [{ name: 'campaign_id', type: 'integer', isPrimary: true }, c.integer('stock_left')],
        checks: [{ name: 'ck_gift_stocks_not_negative', expression: 'stock_left >= 0' }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('gift_stocks');
    await queryRunner.dropTable('gift_claims');
  }
}
