import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { migrationColumns } from '../common/db/columns';

export class KindDiscount1732400000730 implements MigrationInterface {
  name = 'KindDiscount1732400000730';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner.connection.driver.options.type);
    await queryRunner.createTable(
      new Table({
        name: 'coupons',
        columns: [
          c.id(),
          c.integer('campaign_id'),
          c.integer('subscriber_id', true),
          c.varchar('code', 64),
          c.timestamp('created_at'),
        ],
        indices: [
          { name: 'uq_coupons_code', columnNames: ['code'], isUnique: true },
          { name: 'ix_coupons_campaign', columnNames: ['campaign_id'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'coupon_redemptions',
        columns: [
          c.id(),
          c.integer('coupon_id'),
          c.integer('campaign_id'),
          c.integer('subscriber_id', true),
          c.varchar('order_id', 120),
          c.decimal('amount'),
          c.varchar('status', 16),
          c.varchar('active_key', 200, true),
          c.timestamp('redeemed_at'),
          c.timestamp('rolled_back_at', true),
        ],
        indices: [
          { name: 'uq_coupon_redemptions_active', columnNames: ['active_key'], isUnique: true },
          { name: 'ix_coupon_redemptions_campaign', columnNames: ['campaign_id'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'trials',
        columns: [
          c.id(),
          c.integer('campaign_id'),
          c.integer('subscriber_id'),
          c.integer('delivery_id'),
          c.varchar('plan', 80),
          c.timestamp('started_at'),
          c.timestamp('ends_at'),
        ],
        indices: [
          { name: 'uq_trials_campaign_subscriber', columnNames: ['campaign_id', 'subscriber_id'], isUnique: true },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['trials', 'coupon_redemptions', 'coupons']) await queryRunner.dropTable(table);
  }
}
