import { MigrationInterface, QueryRunner } from 'typeorm';

// The drain asks, per batch, for the counted (human, first) clicks of a message
// within the repeat window: a partial index holds only those, so a link clicked
// thousands of times costs one probe, not a scan of every repeat.
export class CountedClicksIndex1732400000920 implements MigrationInterface {
  name = 'CountedClicksIndex1732400000920';

  async up(queryRunner: QueryRunner): Promise<void> {
    const no = queryRunner.connection.driver.options.type === 'postgres' ? 'false' : '0';
    await queryRunner.query(
      `CREATE INDEX ix_events_counted_clicks ON events (delivery_id, occurred_at) WHERE type = 'click' AND machine = ${no} AND repeat = ${no}`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_events_counted_clicks');
  }
}
