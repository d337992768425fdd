import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';
import { migrationColumns } from '../common/db/columns';

const SCORES = ['engagement', 'functional', 'economic', 'emotional', 'symbolic'];

export class ValueProfiles1732400000810 implements MigrationInterface {
  name = 'ValueProfiles1732400000810';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner.connection.driver.options.type);
    const profileColumns = (): TableColumnOptions[] => [
      { ...c.integer('subscriber_id'), isPrimary: true },
      ...SCORES.flatMap((s) => [
        c.double(`${s}_sum`, false, 0),
        c.timestamp(`${s}_at`, true),
        c.double(`${s}_anchor`, true),
      ]),
      c.integer('interactions', false, 0),
      c.integer('nps_score', true),
      c.varchar('nps_class', 16, true),
      c.timestamp('nps_at', true),
      c.integer('nps_campaign_id', true),
      c.integer('csat_score', true),
      c.timestamp('csat_at', true),
      c.integer('csat_campaign_id', true),
      c.integer('order_count', false, 0),
      c.bigint('revenue_cents', false, 0),
      c.timestamp('first_order_at', true),
      c.timestamp('last_order_at', true),
      c.double('ltv', false, 0),
      c.integer('loyalty_balance', false, 0),
      { ...c.varchar('trial_status', 16), default: "'none'" },
      c.timestamp('trial_at', true),
      c.integer('last_event_id', false, 0),
    ];
    const interestColumns = (): TableColumnOptions[] => [
      { ...c.integer('subscriber_id'), isPrimary: true },
      { ...c.varchar('topic', 60), isPrimary: true },
      c.double('interest_sum'),
      c.timestamp('interest_at'),
      c.double('interest_anchor', true),
      c.integer('clicks', false, 0),
      c.timestamp('last_click_at'),
    ];
    // A deleted subscriber takes its profile along (erasure deletes it explicitly, see value-profile.erasure.ts).
    const subscriber = [
      {
        columnNames: ['subscriber_id'],
        referencedTableName: 'subscribers',
        referencedColumnNames: ['id'],
        onDelete: 'CASCADE',
      },
    ];
    await queryRunner.createTable(
      new Table({
        name: 'value_profiles',
        columns: profileColumns(),
        foreignKeys: subscriber,
        indices: [
          ...SCORES.map((s) => ({ name: `ix_value_profiles_${s}`, columnNames: [`${s}_anchor`] })),
          { name: 'ix_value_profiles_nps_class', columnNames: ['nps_class'] },
          { name: 'ix_value_profiles_ltv', columnNames: ['ltv'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'value_interests',
        columns: interestColumns(),
        foreignKeys: subscriber,
        indices: [{ name: 'ix_value_interests_topic', columnNames: ['topic', 'interest_anchor'] }],
      }),
    );
    // The full recompute builds here, then swaps in one transaction (see recompute-scores.ts).
    await queryRunner.createTable(new Table({ name: 'value_profiles_rebuild', columns: profileColumns() }));
    await queryRunner.createTable(new Table({ name: 'value_interests_rebuild', columns: interestColumns() }));

    await queryRunner.createTable(
      new Table({
        name: 'score_recomputes',
        columns: [
          c.id(),
          c.varchar('status', 16),
          c.varchar('trigger', 16),
          c.integer('head_event_id', false, 0),
          c.integer('events_total', false, 0),
          c.integer('events_done', false, 0),
          c.integer('subscribers_done', false, 0),
          c.integer('tail_events', false, 0),
          c.timestamp('started_at', true),
          c.timestamp('heartbeat_at', true),
          c.timestamp('finished_at', true),
          c.text('error', true),
          c.createdAt(),
        ],
        indices: [{ name: 'ix_score_recomputes_status', columnNames: ['status'] }],
      }),
    );

    // The settings the stored profiles were built with: a change triggers a recompute at start.
    await queryRunner.createTable(
      new Table({
        name: 'value_model',
        columns: [{ ...c.varchar('name', 32), isPrimary: true }, c.text('settings'), c.updatedAt()],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'value_model',
      'score_recomputes',
      'value_interests_rebuild',
      'value_profiles_rebuild',
      'value_interests',
      'value_profiles',
    ])
      await queryRunner.dropTable(table);
  }
}
