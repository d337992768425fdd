// npm run bench -- report [--size=100000] [--postgres]: a finished poll campaign of
// --size recipients with a realistic event log (delivered, human and machine opens,
// clicks, answers), written straight to the database; then times the campaign report
// (GET /api/campaigns/:id/report's use case) and streams recipients.csv and report.csv
// to the end, with peak RSS.
const { execFileSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { closeSync, mkdtempSync, openSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const dist = (p) => require(join(__dirname, '..', 'dist', p));
const HOUR = 3_600_000;

function flag(flags, name, fallback) {
  const hit = flags.find((f) => f === `--${name}` || f.startsWith(`--${name}=`));
  if (!hit) return fallback;
  return hit.includes('=') ? hit.split('=')[1] : true;
}

/** Multi-row INSERTs of `rows` (arrays of values), 500 rows per statement, in one transaction. */
async function insertRows(ds, table, columns, rows) {
  const pg = ds.options.type === 'postgres';
  await ds.transaction(async (tx) => {
    for (let start = 0; start < rows.length; start += 500) {
      const chunk = rows.slice(start, start + 500);
      const params = [];
      const values = chunk.map((row) => `(${row.map((v) => (params.push(v), pg ? `$${params.length}` : '?')).join(', ')})`);
      await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`, params);
    }
  });
}

async function seed(ds, size) {
  const { dbTime, dbBool } = dist('common/db/sql-dialect.js');
  const t = (ms) => dbTime(ds, new Date(ms));
  const started = Date.now() - 72 * HOUR;
  const subscribers = Array.from({ length: size }, (_, i) => [`bench-${i}@example.com`, `Klant ${i}`]);
  await insertRows(ds, 'subscribers', ['email', 'name'], subscribers);
  const { sampleContent } = dist('kinds/kind-content.registry.js');
  await ds.query(
    ds.options.type === 'postgres'
      ? 'INSERT INTO campaigns (kind, name, subject, audience, content, status, started_at, finished_at, total_count, sent_count) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)'
      : 'INSERT INTO campaigns (kind, name, subject, audience, content, status, started_at, finished_at, total_count, sent_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ['poll', 'bench', 'Hoe was het?', '{"listIds":[1]}', JSON.stringify(sampleContent('poll')), 'finished', t(started), t(started + HOUR), size, size],
  );
  const [{ id: campaignId }] = await ds.query('SELECT MAX(id) AS id FROM campaigns');
  const [{ id: firstSubscriber }] = await ds.query('SELECT MIN(id) AS id FROM subscribers');
  const sub = (i) => Number(firstSubscriber) + i;
  await insertRows(ds, 'deliveries', ['campaign_id', 'subscriber_id', 'status', 'sent_at', 'bounce'],
    Array.from({ length: size }, (_, i) => [campaignId, sub(i), i % 50 === 49 ? 'failed' : 'sent', t(started + (i % 3600) * 1000), i % 200 === 0 ? 'hard' : null]));
  const [{ id: firstDelivery }] = await ds.query(ds.options.type === 'postgres' ? 'SELECT MIN(id) AS id FROM deliveries WHERE campaign_id = $1' : 'SELECT MIN(id) AS id FROM deliveries WHERE campaign_id = ?', [campaignId]);
  const delivery = (i) => Number(firstDelivery) + i;
  const events = [];
  const event = (type, i, at, machine, data = '{}') => events.push([type, campaignId, delivery(i), sub(i), t(at), data, dbBool(ds, machine)]);
  for (let i = 0; i < size; i++) {
    event('delivered', i, started + (i % 3600) * 1000, false);
    const later = started + HOUR + ((i * 7919) % (48 * HOUR));
    if (i % 5 === 0 || i % 5 === 4) event('open', i, later - 10 * 60_000, true); // privacy-proxy prefetch
    if (i % 5 < 2) event('open', i, later, false);
    if (i % 10 === 0) event('open', i, later + HOUR, false);
    if (i % 12 === 0) event('click', i, later + 60_000, false, '{"index":0,"url":"https://shop.example"}');
    if (i % 40 === 0) event('click', i, later + 30_000, true, '{"index":0,"url":"https://shop.example"}');
    if (i % 7 === 0) event('poll_answered', i, later + 120_000, false, `{"value":${i % 11}}`);
  }
  await insertRows(ds, 'events', ['type', 'campaign_id', 'delivery_id', 'subscriber_id', 'occurred_at', 'data', 'machine'], events);
  const answers = [];
  for (let i = 0; i < size; i += 7) answers.push([campaignId, sub(i), delivery(i), String(i % 11), i % 70 === 0 ? `Comment ${i}` : null, t(started + 2 * HOUR)]);
  await insertRows(ds, 'poll_answers', ['campaign_id', 'subscriber_id', 'delivery_id', 'value', 'comment', 'answered_at'], answers);
  return { campaignId: Number(campaignId), events: events.length };
}

async function drain(file) {
  const stream = file.getStream();
  let bytes = 0;
  let lines = 0;
  for await (const chunk of stream) {
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
  }
  return { bytes, lines };
}

exports.run = async ({ flags }) => {
  const size = Number(flag(flags, 'size', 100_000));
  const postgres = Boolean(flag(flags, 'postgres', false));
  const { startEmbeddedRedis } = dist('platform/embedded-redis.js');
  const dataDir = mkdtempSync(join(tmpdir(), 'vm-bench-report-'));
  const redis = await startEmbeddedRedis(join(dataDir, 'redis'));
  let pgServer;
  let databaseUrl = `sqlite:${join(dataDir, 'bench.sqlite')}`;
  if (postgres) {
    const outFile = join(dataDir, 'pg.env');
    const fd = openSync(outFile, 'w');
    execFileSync(join(__dirname, '..', 'scripts', 'postgres-for-tests.sh'), { stdio: ['ignore', fd, 'inherit'] });
    closeSync(fd);
    const out = readFileSync(outFile, 'utf8');
    pgServer = /PG_DIR=(.*)/.exec(out)[1];
    databaseUrl = /TEST_DATABASE_URL=(.*)/.exec(out)[1];
  }
  // Entity column types follow DATABASE_URL when dist/ is loaded: set it before loading the rest.
  process.env.DATABASE_URL = databaseUrl;
  const { loadConfig } = dist('config/app-config.js');
  const { migrate } = dist('common/db/data-source-options.js');
  const { createApp } = dist('bootstrap.js');
  const { DataSource } = require('typeorm');
  const config = loadConfig({
    MODE: 'api', PORT: '3998', HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: databaseUrl, REDIS_URL: redis.url,
    SMTP_URL: 'smtp://127.0.0.1:1', LINK_SECRETS: randomBytes(32).toString('hex'), LOG_LEVEL: 'error',
  });
  await migrate(config);
  const app = await createApp(config, false);
  try {
    const ds = app.get(DataSource);
    const seedStarted = Date.now();
    const { campaignId, events } = await seed(ds, size);
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    if (postgres) await ds.query('ANALYZE');
    const { BuildCampaignReport } = dist('reports/campaign/build-campaign-report.js');
    const { ExportRecipientsCsv } = dist('reports/campaign/export-recipients-csv.js');
    const { ExportCampaignReportCsv } = dist('reports/campaign/export-campaign-report-csv.js');
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const time = async (fn) => {
      const start = process.hrtime.bigint();
      const result = await fn();
      return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
    };
    await app.get(BuildCampaignReport).execute(campaignId); // warm-up: statement caches, pages in memory
    const report = await time(() => app.get(BuildCampaignReport).execute(campaignId));
    const reportCsv = await time(async () => drain(await app.get(ExportCampaignReportCsv).execute(campaignId)));
    const recipientsCsv = await time(async () => drain(await app.get(ExportRecipientsCsv).execute(campaignId)));
    clearInterval(sampler);
    const funnel = report.result.funnel;
    return {
      database: postgres ? 'postgresql' : 'sqlite',
      recipients: size,
      events,
      seedSeconds,
      reportMs: Math.round(report.ms),
      reportCsvMs: Math.round(reportCsv.ms),
      recipientsCsvMs: Math.round(recipientsCsv.ms),
      recipientsCsvRowsPerSecond: Math.round((recipientsCsv.result.lines - 1) / (recipientsCsv.ms / 1000)),
      recipientsCsvMb: Math.round(recipientsCsv.result.bytes / 1024 / 1024 * 10) / 10,
      rssBeforeMb: Math.round(rssBefore / 1024 / 1024),
      peakRssMb: Math.round(peak / 1024 / 1024),
      check: { delivered: funnel.steps[2].count, openedHuman: funnel.opened.human.count, machineOnly: funnel.opened.machineOnly.count, acted: funnel.acted.count, timelinePoints: report.result.timeline.points.length, csvRows: recipientsCsv.result.lines - 1 },
    };
  } finally {
    await app.close();
    await redis.stop();
    if (pgServer) execFileSync(join(__dirname, '..', 'scripts', 'postgres-for-tests.sh'), ['stop', pgServer]);
    rmSync(dataDir, { recursive: true, force: true });
  }
};
