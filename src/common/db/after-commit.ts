import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

const pending = new WeakMap<QueryRunner, Set<() => void>>();
const installed = new WeakSet<DataSource>();

/** Lets afterCommit() see this DataSource's commits and rollbacks (done once in createDataSource). */
export function installAfterCommit(dataSource: DataSource): void {
  if (installed.has(dataSource)) return;
  installed.add(dataSource);
  dataSource.subscribers.push({
    // A savepoint's release also "commits": only the outermost commit counts.
    afterTransactionCommit: ({ queryRunner }) => {
      if (queryRunner.isTransactionActive) return;
      const callbacks = pending.get(queryRunner);
      pending.delete(queryRunner);
      for (const callback of callbacks ?? []) setImmediate(callback);
    },
    afterTransactionRollback: ({ queryRunner }) => {
      if (!queryRunner.isTransactionActive) pending.delete(queryRunner);
    },
  });
}

/**
 * Runs `callback` once the manager's transaction has committed, never if it
 * rolls back; at once when there is no transaction. For outside effects (a
 * queue) that must not see rows that may still roll back. Registering the same
 * callback twice in one transaction runs it once.
 */
export function afterCommit(manager: EntityManager, callback: () => void): void {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) {
    setImmediate(callback);
    return;
  }
  if (!installed.has(manager.connection)) throw new Error('afterCommit needs installAfterCommit() on this DataSource');
  const callbacks = pending.get(runner) ?? new Set();
  callbacks.add(callback);
  pending.set(runner, callbacks);
}
