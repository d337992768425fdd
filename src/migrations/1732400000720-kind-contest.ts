import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { migrationColumns } from '../common/db/columns';

export class KindContest1732400000720 implements MigrationInterface {
  name = 'KindContest1732400000720';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner.connection.driver.options.type);
    await queryRunner.createTable(
      new Table({
        name: 'contest_entries',
        columns: [
          c.id(),
          c.integer('campaign_id'),
          c.integer('subscriber_id'),
          c.integer('delivery_id', true),
          c.text('answer', true),
          c.varchar('referral_code', 32),
          c.integer('bonus_entries', false, 0),
          c.timestamp('entered_at'),
        ],
        indices: [
          {
            name: 'uq_contest_entries_campaign_subscriber',
            columnNames: ['campaign_id', 'subscriber_id'],
            isUnique: true,
          },
          { name: 'uq_contest_entries_referral_code', columnNames: ['referral_code'], isUnique: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'contest_referrals',
        columns: [
          c.id(),
          c.integer('campaign_id'),
          c.integer('referrer_subscriber_id'),
          c.integer('referred_subscriber_id'),
          c.varchar('status', 16),
          c.timestamp('created_at'),
          c.timestamp('credited_at', true),
        ],
        indices: [
          {
            name: 'uq_contest_referrals_campaign_referred',
            columnNames: ['campaign_id', 'referred_subscriber_id'],
            isUnique: true,
          },
          { name: 'ix_contest_referrals_referred', columnNames: ['referred_subscriber_id'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'contest_draws',
        columns: [
          c.id(),
          c.integer('campaign_id'),
          c.varchar('seed_hash', 64),
          c.varchar('seed', 64),
          c.timestamp('committed_at'),
          c.text('snapshot', true),
          c.varchar('snapshot_hash', 64, true),
          c.json('drawn', true),
          c.timestamp('drawn_at', true),
        ],
        indices: [{ name: 'uq_contest_draws_campaign', columnNames: ['campaign_id'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'contest_draw_log',
        columns: [
          c.id(),
          c.integer('campaign_id'),
          c.varchar('action', 16),
          c.integer('subscriber_id', true),
          c.varchar('reason', 500, true),
          { ...c.json('data'), default: "'{}'" },
          c.timestamp('created_at'),
        ],
        indices: [{ name: 'ix_contest_draw_log_campaign', columnNames: ['campaign_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'contest_winners',
        columns: [
          c.id(),
          c.integer('campaign_id'),
          c.integer('subscriber_id'),
          c.integer('position'),
          c.varchar('status', 16),
          c.varchar('reason', 500, true),
          c.timestamp('notified_at', true),
        ],
        indices: [
          {
            name: 'uq_contest_winners_campaign_subscriber',
            columnNames: ['campaign_id', 'subscriber_id'],
            isUnique: true,
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'contest_winners',
      'contest_draw_log',
      'contest_draws',
      'contest_referrals',
      'contest_entries',
    ])
      await queryRunner.dropTable(table);
  }
}
