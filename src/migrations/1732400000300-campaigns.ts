import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { migrationColumns } from '../common/db/columns';

export class Campaigns1732400000300 implements MigrationInterface {
  name = 'Campaigns1732400000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner.connection.driver.options.type);
    await queryRunner.createTable(
      new Table({
        name: 'campaigns',
        columns: [
          c.id(),
          c.varchar('kind', 16),
          c.varchar('name', 200),
          c.varchar('subject', 500),
          { ...c.varchar('preheader', 500), default: "''" },
          { ...c.varchar('from_name', 200), default: "''" },
          { ...c.varchar('from_email', 254), default: "''" },
          c.varchar('reply_to', 254, true),
          c.json('audience'),
          { ...c.json('content'), default: "'{}'" },
          c.text('custom_mjml', true),
          { ...c.varchar('locale', 8), default: "'en'" },
          { ...c.varchar('status', 16), default: "'draft'" },
          c.varchar('status_reason', 500, true),
          c.timestamp('scheduled_at', true),
          { ...c.varchar('timezone', 64), default: "'UTC'" },
          { ...c.varchar('transport', 64), default: "'default'" },
          { ...c.json('links'), default: "'[]'" },
          c.integer('fanout_cursor', false, 0),
          c.boolean('fanout_done'),
          c.integer('total_count', false, 0),
          c.integer('sent_count', false, 0),
          c.integer('failed_count', false, 0),
          c.integer('suppressed_count', false, 0),
          c.integer('uncertain_count', false, 0),
          c.integer('hard_bounce_count', false, 0),
          c.integer('soft_bounce_count', false, 0),
          c.integer('complaint_count', false, 0),
          c.timestamp('started_at', true),
          c.timestamp('finished_at', true),
          c.timestamp('last_batch_at', true),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [{ name: 'ix_campaigns_status_scheduled', columnNames: ['status', 'scheduled_at'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'deliveries',
        columns: [
          c.id(),
          c.integer('campaign_id'),
          c.integer('subscriber_id'),
          { ...c.varchar('status', 16), default: "'queued'" },
          c.integer('attempts', false, 0),
          c.boolean('was_uncertain'),
          c.varchar('claim_token', 32, true),
          c.timestamp('lease_until', true),
          c.timestamp('next_attempt_at', true),
          c.varchar('message_id', 200, true),
          c.varchar('smtp_response', 500, true),
          c.varchar('error', 500, true),
          c.json('kind_data', true),
          c.varchar('bounce', 16, true),
          c.timestamp('sent_at', true),
          c.createdAt(),
        ],
        indices: [
          { name: 'uq_deliveries_campaign_subscriber', columnNames: ['campaign_id', 'subscriber_id'], isUnique: true },
          { name: 'ix_deliveries_claim', columnNames: ['campaign_id', 'status', 'id'] },
          { name: 'ix_deliveries_claim_token', columnNames: ['claim_token'] },
          { name: 'ix_deliveries_subscriber', columnNames: ['subscriber_id'] },
        ],
        foreignKeys: [
          {
            columnNames: ['campaign_id'],
            referencedTableName: 'campaigns',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('deliveries');
    await queryRunner.dropTable('campaigns');
  }
}
