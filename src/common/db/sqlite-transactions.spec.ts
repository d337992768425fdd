import { DataSource } from 'typeorm';
import { serializeSqliteTransactions } from './sqlite-transactions';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('serializeSqliteTransactions (real better-sqlite3)', () => {
  let ds: DataSource;
  beforeEach(async () => {
    ds = await new DataSource({ type: 'better-sqlite3', database: ':memory:' }).initialize();
    serializeSqliteTransactions(ds);
    await ds.query('CREATE TABLE t (flow INTEGER, step INTEGER)');
  });
  afterEach(async () => {
    await ds.destroy();
  });

  it('runs concurrent transactions one after another, each whole', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, flow) =>
        ds.transaction(async (tx) => {
          await tx.query('INSERT INTO t VALUES (?, 1)', [flow]);
          await sleep(Math.random() * 3);
          await tx.query('INSERT INTO t VALUES (?, 2)', [flow]);
        }),
      ),
    );
    const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM t');
    expect(n).toBe(40);
  });

  it('rolls back only the failing transaction while others wait their turn', async () => {
    const results = await Promise.allSettled([
      ds.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (1, 1)');
        await sleep(5);
        throw new Error('boom');
      }),
      ds.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (2, 1)');
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect(await ds.query('SELECT flow FROM t')).toEqual([{ flow: 2 }]);
  });

  it('turns a transaction nested in the same flow into a savepoint instead of waiting forever', async () => {
    await ds.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (1, 1)');
      await tx.transaction(async (inner) => inner.query('INSERT INTO t VALUES (1, 2)'));
    });
    const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM t');
    expect(n).toBe(2);
  });
});
