import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

// The dashboard answers in one call over 1M subscribers and 10M events, so each
// of its figures must be a range of one index rather than a scan:
// - unique human openers and clickers of a campaign: (campaign_id, type, machine,
//   delivery_id) is read alone, without a table lookup per event. It replaces
//   (campaign_id, type), its prefix, so writing an event costs no extra index;
// - subscribers joined and left per day over 90 days: created_at, and
//   (status, updated_at) for who left (it replaces (status), its prefix);
// - NPS per month over 12 months: answers by time, with what the query reads.
const REPLACED: Array<{ table: string; old: TableIndex; now: TableIndex }> = [
  {
    table: 'events',
    old: new TableIndex({ name: 'ix_events_campaign_type', columnNames: ['campaign_id', 'type'] }),
    now: new TableIndex({
      name: 'ix_events_campaign_type_machine',
      columnNames: ['campaign_id', 'type', 'machine', 'delivery_id'],
    }),
  },
  {
    table: 'subscribers',
    old: new TableIndex({ name: 'ix_subscribers_status', columnNames: ['status'] }),
    now: new TableIndex({ name: 'ix_subscribers_status_updated', columnNames: ['status', 'updated_at'] }),
  },
];

const ADDED: Array<{ table: string; index: TableIndex }> = [
  { table: 'subscribers', index: new TableIndex({ name: 'ix_subscribers_created_at', columnNames: ['created_at'] }) },
  {
    table: 'poll_answers',
    index: new TableIndex({
      name: 'ix_poll_answers_answered_at',
      columnNames: ['answered_at', 'campaign_id', 'value'],
    }),
  },
];

export class DashboardIndexes1732400000850 implements MigrationInterface {
  name = 'DashboardIndexes1732400000850';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const { table, old, now } of REPLACED) {
      await queryRunner.createIndex(table, now);
      await queryRunner.dropIndex(table, old.name!);
    }
    for (const { table, index } of ADDED) await queryRunner.createIndex(table, index);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table, index } of ADDED) await queryRunner.dropIndex(table, index.name!);
    for (const { table, old, now } of REPLACED) {
      await queryRunner.createIndex(table, old);
      await queryRunner.dropIndex(table, now.name!);
    }
  }
}
