import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../test/support/test-database';
import { migrations } from '../migrations';
import { Setting } from './setting.entity';
import { SETTINGS_REFRESH_MS, SettingsStore } from './settings.store';

// Entity column types follow DATABASE_URL, so this runs on whichever database the suite runs on.
describe('SettingsStore (real database)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let now = 1_000_000;

  beforeAll(async () => {
    db = await createTestDatabase(mkdtempSync(join(tmpdir(), 'vm-settings-')));
    const common = { entities: [Setting], migrations, migrationsTableName: 'schema_migrations' };
    ds = await new DataSource(
      process.env.TEST_DATABASE_URL
        ? { type: 'postgres', url: db.url, ...common }
        : { type: 'better-sqlite3', database: ':memory:', ...common },
    ).initialize();
    await ds.runMigrations();
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await ds?.destroy();
    await db?.drop();
  });

  it("sees its own writes at once and another process's after SETTINGS_REFRESH_MS", async () => {
    const api = new SettingsStore(ds.getRepository(Setting));
    const worker = new SettingsStore(ds.getRepository(Setting));
    expect(await worker.get('brand')).toBeUndefined();

    await api.set('brand', { name: 'Koffiebar' });
    expect(await api.get('brand')).toEqual({ name: 'Koffiebar' });
    // The worker read the table a moment ago: it keeps that answer for a while...
    now += SETTINGS_REFRESH_MS - 1;
    expect(await worker.get('brand')).toBeUndefined();
    // ...and no longer.
    now += 1;
    expect(await worker.get('brand')).toEqual({ name: 'Koffiebar' });

    await api.set('brand', { name: 'Theehuis' });
    await api.delete('tracking');
    expect(await api.get('brand')).toEqual({ name: 'Theehuis' });
    now += SETTINGS_REFRESH_MS;
    expect(await worker.get('brand')).toEqual({ name: 'Theehuis' });
  });

  it('drops what it read before its own write', async () => {
    const store = new SettingsStore(ds.getRepository(Setting));
    now += SETTINGS_REFRESH_MS;
    const stale = store.get('color');
    await store.set('color', '#0f766e');
    await stale;
    expect(await store.get('color')).toBe('#0f766e');
  });
});
