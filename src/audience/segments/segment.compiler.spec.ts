import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { migrations } from '../../migrations';
import { AudienceException } from '../audience.exception';
import { compileSegment, validateSegmentFilter } from './segment.compiler';

function problemsOf(filter: unknown): string[] {
  try {
    validateSegmentFilter(filter);
  } catch (e) {
    expect(e).toBeInstanceOf(AudienceException);
    expect((e as AudienceException).status).toBe(400);
    return (e as AudienceException).details as string[];
  }
  return [];
}

describe('segment filter validation', () => {
  it('names the clause path of an unknown operator', () => {
    const filter = {
      all: [
        { field: 'status', op: 'eq', value: 'active' },
        { field: 'name', op: 'eq', value: 'x' },
        { field: 'name', op: 'like', value: 'a%' },
      ],
    };
    expect(problemsOf(filter)).toEqual([
      'all[2].op: unknown operator "like" (use eq, neq, contains, gt, lt, exists, in)',
    ]);
  });

  it('reports unknown fields, bad attribute keys, inapplicable operators and bad values in nested groups', () => {
    const problems = problemsOf({
      any: [
        { field: 'shoe_size', op: 'eq', value: 1 },
        {
          all: [
            { field: 'attributes.ci ty', op: 'eq', value: 'x' },
            { field: 'status', op: 'contains', value: 'act' },
          ],
        },
        { field: 'status', op: 'eq', value: 'sleeping' },
        { field: 'list', op: 'in', value: [] },
        { not: { field: 'createdAt', op: 'gt', value: 'yesterday' } },
      ],
    });
    expect(problems).toEqual([
      expect.stringMatching(/^any\[0\]\.field: unknown field "shoe_size"/),
      expect.stringMatching(/^any\[1\]\.all\[0\]\.field: invalid key "ci ty" after "attributes\."/),
      expect.stringMatching(/^any\[1\]\.all\[1\]\.op: operator "contains" does not apply to status/),
      expect.stringMatching(/^any\[2\]\.value: unknown status "sleeping"/),
      expect.stringMatching(/^any\[3\]\.value: "in" needs a non-empty array/),
      expect.stringMatching(/^any\[4\]\.not\.value: expected an ISO 8601 date/),
    ]);
  });

  it('refuses non-objects, empty groups and mixed keys', () => {
    expect(problemsOf('status = active')[0]).toMatch(/^\(root\): expected an object/);
    expect(problemsOf({ all: [] })).toEqual(['all: expected a non-empty array of clauses']);
    expect(problemsOf({ all: [{ field: 'name', op: 'eq', value: 'a', extra: 1 }] })).toEqual([
      'all[0]: unknown key "extra"',
    ]);
  });
});

describe('segment compiler', () => {
  it('binds every value, including attribute paths, instead of inlining it', () => {
    const evil = "x' OR 1=1 --";
    const { sql, params } = compileSegment(
      {
        all: [
          { field: 'attributes.city', op: 'eq', value: evil },
          { field: 'name', op: 'contains', value: '50%_off' },
        ],
      },
      'sqlite',
    );
    expect(sql).not.toContain(evil);
    expect(sql).not.toContain('city');
    expect(Object.values(params)).toEqual(expect.arrayContaining([evil, 'city', '%50\\%\\_off%']));
    const pg = compileSegment({ field: 'attributes.city', op: 'eq', value: 'Utrecht' }, 'postgres');
    expect(pg.sql).toContain('jsonb_each(s.attributes::jsonb)');
    expect(pg.sql).not.toContain('city');
    expect(Object.values(pg.params)).toEqual(['city', 'Utrecht']);
  });

  // SQLite always; PostgreSQL too when TEST_DATABASE_URL is set.
  const dialects = (['sqlite', 'postgres'] as const).filter((d) => d === 'sqlite' || process.env.TEST_DATABASE_URL);
  describe.each(dialects)('against %s', (dialect) => {
    let db: DataSource;
    let pg: TestDatabase | undefined;
    const dir = mkdtempSync(join(tmpdir(), 'seg-'));
    beforeAll(async () => {
      let options: DataSourceOptions = { type: 'better-sqlite3', database: ':memory:', migrations };
      if (dialect === 'postgres') {
        pg = await createTestDatabase(dir);
        options = { type: 'postgres', url: pg.url, migrations };
      }
      db = new DataSource(options);
      await db.initialize();
      await db.runMigrations();
      const people: Array<[string, string, string, Record<string, unknown>]> = [
        ['anna@example.nl', 'Anna de Vries', 'active', { city: 'Utrecht', plan: 'pro', orders: 12, vip: true }],
        ['bram@example.nl', 'Bram Jansen', 'active', { city: 'Amsterdam', plan: 'free', orders: 2 }],
        ['cor@example.nl', 'Cor Bakker', 'unsubscribed', { city: 'Utrecht', orders: '7' }],
        ['dirk@example.nl', 'Dirk 50% Visser', 'active', {}],
      ];
      for (const [email, name, status, attributes] of people) {
        await db
          .createQueryBuilder()
          .insert()
          .into('subscribers', ['email', 'name', 'status', 'attributes'])
          .values({ email, name, status, attributes: JSON.stringify(attributes) })
          .execute();
      }
      await db.query("INSERT INTO lists (name) VALUES ('a'), ('b')");
      await db.query(
        "INSERT INTO list_memberships (list_id, subscriber_id, status) VALUES (1, 1, 'confirmed'), (2, 2, 'confirmed'), (1, 3, 'unconfirmed')",
      );
    });
    afterAll(async () => {
      await db.destroy();
      await pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    const names = async (filter: unknown): Promise<string[]> => {
      const { sql, params } = compileSegment(filter, dialect);
      const rows: Array<{ name: string }> = await db
        .createQueryBuilder()
        .select('s.name', 'name')
        .from('subscribers', 's')
        .where(sql, params)
        .orderBy('s.id')
        .getRawMany();
      return rows.map((r) => r.name.split(' ')[0]);
    };

    it.each([
      [{ field: 'attributes.city', op: 'eq', value: 'Utrecht' }, ['Anna', 'Cor']],
      [
        {
          all: [
            { field: 'status', op: 'eq', value: 'active' },
            { field: 'attributes.city', op: 'eq', value: 'Utrecht' },
          ],
        },
        ['Anna'],
      ],
      [{ field: 'attributes.city', op: 'neq', value: 'Utrecht' }, ['Bram', 'Dirk']],
      [{ field: 'attributes.orders', op: 'gt', value: 5 }, ['Anna']],
      [{ field: 'attributes.orders', op: 'lt', value: 5 }, ['Bram']],
      [{ field: 'attributes.plan', op: 'exists' }, ['Anna', 'Bram']],
      [{ field: 'attributes.plan', op: 'exists', value: false }, ['Cor', 'Dirk']],
      [{ field: 'attributes.vip', op: 'eq', value: true }, ['Anna']],
      [{ field: 'attributes.plan', op: 'in', value: ['pro', 'free'] }, ['Anna', 'Bram']],
      [{ field: 'attributes.city', op: 'contains', value: 'TRECH' }, ['Anna', 'Cor']],
      [{ field: 'name', op: 'contains', value: '50%' }, ['Dirk']],
      [{ field: 'list', op: 'in', value: [1, 2] }, ['Anna', 'Bram']],
      [{ field: 'list', op: 'neq', value: 1 }, ['Bram', 'Cor', 'Dirk']],
      [
        {
          any: [
            { field: 'status', op: 'eq', value: 'unsubscribed' },
            { field: 'email', op: 'eq', value: 'DIRK@example.nl' },
          ],
        },
        ['Cor', 'Dirk'],
      ],
      [{ not: { field: 'status', op: 'in', value: ['active'] } }, ['Cor']],
      [{ field: 'createdAt', op: 'gt', value: '2000-01-01T00:00:00Z' }, ['Anna', 'Bram', 'Cor', 'Dirk']],
      [{ field: 'createdAt', op: 'lt', value: '2000-01-01T00:00:00Z' }, []],
    ])('%j → %j', async (filter, expected) => {
      expect(await names(filter)).toEqual(expected);
    });

    it('matches attribute names without regard to case, the exact spelling first', async () => {
      await db
        .createQueryBuilder()
        .insert()
        .into('subscribers', ['email', 'name', 'status', 'attributes'])
        .values([
          {
            email: 'eva@example.nl',
            name: 'Eva',
            status: 'active',
            attributes: JSON.stringify({ Stad: 'Ede', Orders: 9 }),
          },
          {
            email: 'fem@example.nl',
            name: 'Fem',
            status: 'active',
            attributes: JSON.stringify({ stad: 'Epe', STAD: 'Ede' }),
          },
        ])
        .execute();
      try {
        expect(await names({ field: 'attributes.stad', op: 'eq', value: 'Ede' })).toEqual(['Eva']);
        expect(await names({ field: 'attributes.STAD', op: 'eq', value: 'Ede' })).toEqual(['Eva', 'Fem']);
        expect(await names({ field: 'attributes.CITY', op: 'eq', value: 'Utrecht' })).toEqual(['Anna', 'Cor']);
        expect(await names({ field: 'attributes.orders', op: 'gt', value: 8 })).toEqual(['Anna', 'Eva']);
        expect(await names({ field: 'attributes.Stad', op: 'exists' })).toEqual(['Eva', 'Fem']);
      } finally {
        await db.query("DELETE FROM subscribers WHERE email IN ('eva@example.nl', 'fem@example.nl')");
      }
    });
  });
});
