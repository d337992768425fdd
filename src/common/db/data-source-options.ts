import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { migrations } from '../../migrations';
import { installAfterCommit } from './after-commit';
import { serializeSqliteTransactions } from './sqlite-transactions';

const IDLE_IN_TRANSACTION_MS = 30_000;

export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  const common = { migrations, migrationsTableName: 'schema_migrations', synchronize: false, logging: false } as const;
  if (config.database.kind === 'postgres') {
    // A process that froze (SIGSTOP, a VM pause) inside a transaction would hold its row locks, and with them
    // every other worker's lease expiry, until it thawed: the server ends such a transaction after 30 s instead.
    return {
      ...common,
      type: 'postgres',
      url: config.database.url,
      extra: { max: 10, idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS },
    };
  }
  if (config.database.sqlitePath !== ':memory:') mkdirSync(dirname(config.database.sqlitePath), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.database.sqlitePath,
    // WAL lets the api read while a worker writes; busy_timeout waits for the
    // other process's write instead of failing with SQLITE_BUSY.
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 10000');
      db.pragma('foreign_keys = ON');
    },
  };
}

/** The application's DataSource: initialised, with SQLite transactions queued (see sqlite-transactions.ts) and afterCommit() hooks. */
export async function createDataSource(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource(options).initialize();
  serializeSqliteTransactions(dataSource);
  installAfterCommit(dataSource);
  return dataSource;
}

const MIGRATION_LOCK = 827364501;

/** Runs pending migrations once even when several processes start together. */
export async function migrate(config: AppConfig): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(config));
  await dataSource.initialize();
  // The advisory lock is per session, so it is held on one dedicated connection.
  const lockHolder = config.database.kind === 'postgres' ? dataSource.createQueryRunner() : undefined;
  try {
    await lockHolder?.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await lockHolder?.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    await lockHolder?.release();
    await dataSource.destroy();
  }
}
