// What the benchmarks that boot the engine share: flags, a throwaway Redis and
// database (SQLite, or PostgreSQL with --postgres), the app, batched inserts.
const { execFileSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { closeSync, mkdtempSync, openSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const dist = (p) => require(join(__dirname, '..', '..', 'dist', p));
const POSTGRES_SCRIPT = join(__dirname, '..', '..', 'scripts', 'postgres-for-tests.sh');

/** `--name=value` → 'value', `--name` → true, absent → fallback. */
function flag(flags, name, fallback) {
  const hit = flags.find((f) => f === `--${name}` || f.startsWith(`--${name}=`));
  if (!hit) return fallback;
  return hit.includes('=') ? hit.split('=')[1] : true;
}

/** A throwaway PostgreSQL server; its output goes to a file because the server would hold a pipe open. */
function startPostgres(dataDir) {
  const outFile = join(dataDir, 'pg.env');
  const fd = openSync(outFile, 'w');
  execFileSync(POSTGRES_SCRIPT, { stdio: ['ignore', fd, 'inherit'] });
  closeSync(fd);
  const out = readFileSync(outFile, 'utf8');
  return { pgServer: /PG_DIR=(.*)/.exec(out)[1], databaseUrl: /TEST_DATABASE_URL=(.*)/.exec(out)[1] };
}

/**
 * Boots the api role on a fresh database and a private Redis. `stop({ keep })`
 * closes everything; with keep the database stays for trying queries by hand.
 */
async function startBenchApp({ name, postgres, port }) {
  const { startEmbeddedRedis } = dist('platform/embedded-redis.js');
  const dataDir = mkdtempSync(join(tmpdir(), `vm-bench-${name}-`));
  const redis = await startEmbeddedRedis(join(dataDir, 'redis'));
  const { pgServer, databaseUrl } = postgres
    ? startPostgres(dataDir)
    : { pgServer: undefined, databaseUrl: `sqlite:${join(dataDir, 'bench.sqlite')}` };
  // Entity column types follow DATABASE_URL when dist/ is loaded: set it before loading the rest.
  process.env.DATABASE_URL = databaseUrl;
  const { loadConfig } = dist('config/app-config.js');
  const { migrate } = dist('common/db/data-source-options.js');
  const { createApp } = dist('bootstrap.js');
  const { DataSource } = require('typeorm');
  const config = loadConfig({
    MODE: 'api',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    SMTP_URL: 'smtp://127.0.0.1:1',
    LINK_SECRETS: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'error',
  });
  await migrate(config);
  const app = await createApp(config, false);
  return {
    app,
    ds: app.get(DataSource),
    databaseUrl,
    async stop({ keep = false } = {}) {
      await app.close();
      await redis.stop();
      if (keep) {
        console.log(
          `kept ${databaseUrl} (remove ${dataDir} when done${pgServer ? `; stop the server with scripts/postgres-for-tests.sh stop ${pgServer}` : ''})`,
        );
        return;
      }
      if (pgServer) execFileSync(POSTGRES_SCRIPT, ['stop', pgServer]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Multi-row INSERTs of row(0..count-1), 500 rows per statement, one transaction per 50,000 rows. */
async function insertRows(ds, table, columns, count, row) {
  const pg = ds.options.type === 'postgres';
  for (let base = 0; base < count; base += 50_000) {
    await ds.transaction(async (tx) => {
      for (let start = base; start < Math.min(base + 50_000, count); start += 500) {
        const params = [];
        const values = [];
        for (let i = start; i < Math.min(start + 500, count); i++)
          values.push(
            `(${row(i)
              .map((v) => (params.push(v), pg ? `$${params.length}` : '?'))
              .join(', ')})`,
          );
        await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`, params);
      }
    });
  }
}

module.exports = { dist, flag, startBenchApp, insertRows };
