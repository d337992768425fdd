import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, QueryRunner } from 'typeorm';

interface Holder {
  held: boolean;
}

/**
 * TypeORM's better-sqlite3 driver has one connection and one query runner for
 * the whole process, so two jobs that each open a transaction interleave their
 * BEGIN/COMMIT on it ("cannot start a transaction within a transaction").
 * This queues transactions process-wide; a transaction nested inside the
 * holder's own flow (same async context) still becomes a savepoint.
 */
export function serializeSqliteTransactions(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3') return;
  const runner: QueryRunner = dataSource.createQueryRunner();
  const context = new AsyncLocalStorage<Holder>();
  let queue: Promise<void> = Promise.resolve();
  let release: (() => void) | undefined;
  let holder: Holder | undefined;

  const acquire = async (): Promise<void> => {
    const previous = queue;
    let done!: () => void;
    queue = new Promise<void>((resolve) => (done = resolve));
    await previous;
    release = done;
  };
  const releaseIfDone = (): void => {
    if (runner.isTransactionActive || !release) return;
    if (holder) holder.held = false;
    holder = undefined;
    const done = release;
    release = undefined;
    done();
  };

  const start = runner.startTransaction.bind(runner);
  const commit = runner.commitTransaction.bind(runner);
  const rollback = runner.rollbackTransaction.bind(runner);
  runner.startTransaction = async (isolationLevel) => {
    const own = context.getStore();
    if (own?.held) return start(isolationLevel);
    await acquire();
    holder = own;
    if (own) own.held = true;
    try {
      await start(isolationLevel);
    } catch (error) {
      releaseIfDone();
      throw error;
    }
  };
  runner.commitTransaction = async () => {
    try {
      await commit();
    } finally {
      releaseIfDone();
    }
  };
  runner.rollbackTransaction = async () => {
    try {
      await rollback();
    } finally {
      releaseIfDone();
    }
  };

  const transaction = dataSource.manager.transaction.bind(dataSource.manager) as (
    ...args: unknown[]
  ) => Promise<unknown>;
  (dataSource.manager as { transaction: unknown }).transaction = (...args: unknown[]) =>
    context.run({ held: false }, () => transaction(...args));
}
