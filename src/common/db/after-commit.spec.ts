import { DataSource } from 'typeorm';
import { afterCommit, installAfterCommit } from './after-commit';
import { serializeSqliteTransactions } from './sqlite-transactions';

const tick = () => new Promise((r) => setImmediate(r));

describe('afterCommit (real better-sqlite3)', () => {
  let ds: DataSource;
  beforeEach(async () => {
    ds = await new DataSource({ type: 'better-sqlite3', database: ':memory:' }).initialize();
    serializeSqliteTransactions(ds);
    installAfterCommit(ds);
    await ds.query('CREATE TABLE t (x INTEGER)');
  });
  afterEach(() => ds.destroy());

  it('runs after the commit, when the row is visible, and once per callback', async () => {
    const seen: number[] = [];
    const probe = () => void ds.query('SELECT COUNT(*) AS n FROM t').then(([r]) => seen.push(Number(r.n)));
    await ds.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (1)');
      afterCommit(tx, probe);
      afterCommit(tx, probe);
      await tick();
      expect(seen).toEqual([]);
    });
    await tick();
    await tick();
    expect(seen).toEqual([1]);
  });

  it('waits for the outer commit when registered inside a savepoint, and never runs after a rollback', async () => {
    const calls: string[] = [];
    await ds.transaction(async (tx) => {
      await tx.transaction(async (inner) => afterCommit(inner, () => calls.push('nested')));
      await tick();
      expect(calls).toEqual([]);
    });
    await expect(
      ds.transaction(async (tx) => {
        afterCommit(tx, () => calls.push('rolled back'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await ds.transaction(async () => undefined);
    await tick();
    expect(calls).toEqual(['nested']);
  });

  it('runs at once outside a transaction', async () => {
    let ran = false;
    afterCommit(ds.manager, () => (ran = true));
    await tick();
    expect(ran).toBe(true);
  });
});
