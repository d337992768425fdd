import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

// recipients.csv reads a campaign's rows one page of subscribers at a time; with
// only a campaign index each page would scan every row of the campaign again.
const INDEXES: Array<[table: string, name: string]> = [
  ['events', 'ix_events_campaign_subscriber'],
  ['coupon_redemptions', 'ix_coupon_redemptions_campaign_subscriber'],
  ['points_ledger', 'ix_points_ledger_campaign_subscriber'],
];

export class ReportIndexes1732400000815 implements MigrationInterface {
  name = 'ReportIndexes1732400000815';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, name] of INDEXES)
      await queryRunner.createIndex(table, new TableIndex({ name, columnNames: ['campaign_id', 'subscriber_id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, name] of INDEXES) await queryRunner.dropIndex(table, name);
  }
}
