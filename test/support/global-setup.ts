import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedRedis } from '../../src/platform/embedded-redis';

/**
 * One real redis-server for the whole run, on a free port; each test app uses
 * its own queue prefix. TEST_DATABASE_URL switches the suite to PostgreSQL.
 */
export default async function globalSetup(): Promise<void> {
  const redis = await startEmbeddedRedis(mkdtempSync(join(tmpdir(), 'vm-test-redis-')));
  process.env.TEST_REDIS_URL = redis.url;
  (globalThis as { __testRedis?: typeof redis }).__testRedis = redis;
  // Entity column types follow DATABASE_URL, read when entities are imported.
  if (process.env.TEST_DATABASE_URL) process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
  else delete process.env.DATABASE_URL;
}
