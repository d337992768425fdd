// npm run bench -- send [--size=100000] [--postgres] [--dkim] [--workers=N] [--1m]
// Our pipeline end to end (worker processes → separate SMTP sink process) vs raw
// Nodemailer sending a pre-built message to the same sink from 1 and 2 processes.
const { fork, spawn, execFileSync } = require('node:child_process');
const { generateKeyPairSync, randomBytes } = require('node:crypto');
const { closeSync, mkdtempSync, openSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { flag } = require('./support/bench-app');

const dist = (p) => require(join(__dirname, '..', 'dist', p));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function startSink() {
  const child = fork(join(__dirname, 'support', 'count-sink.js'), [], { env: { ...process.env, TRACK_UNIQUE: '1' } });
  const ask = (m) =>
    new Promise((resolve) => {
      child.once('message', resolve);
      child.send(m);
    });
  return new Promise((resolve) =>
    child.once('message', ({ port }) => resolve({ port, child, count: () => ask('count'), reset: () => ask('reset') })),
  );
}

function peakRssMb(pid) {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return hwm ? Math.round(Number(hwm[1]) / 1024) : null;
  } catch {
    return null;
  }
}

async function rawBaseline(port, message, total, processes, dkim) {
  const per = Math.floor(total / processes);
  const started = Date.now();
  await Promise.all(
    Array.from(
      { length: processes },
      () =>
        new Promise((resolve, reject) => {
          const child = fork(
            join(__dirname, 'support', 'raw-sender.js'),
            [String(port), String(per), dkim ? JSON.stringify(dkim) : ''],
            {
              env: { ...process.env, RAW_MESSAGE: JSON.stringify(message) },
            },
          );
          child.once('message', resolve);
          child.once('error', reject);
        }),
    ),
  );
  const seconds = (Date.now() - started) / 1000;
  return Math.round((per * processes) / seconds);
}

async function seedSubscribers(dataSource, count, listId) {
  const pg = dataSource.options.type === 'postgres';
  const chunk = 500;
  for (let start = 0; start < count; start += chunk) {
    const n = Math.min(chunk, count - start);
    const values = [];
    const params = [];
    for (let i = 0; i < n; i++) {
      const k = start + i;
      values.push(pg ? `($${params.length + 1}, $${params.length + 2})` : '(?, ?)');
      params.push(`bench-${k}@example.com`, `Klant ${k}`);
    }
    await dataSource.query(`INSERT INTO subscribers (email, name) VALUES ${values.join(',')}`, params);
  }
  await dataSource.query(
    `INSERT INTO list_memberships (list_id, subscriber_id, status) SELECT ${listId}, id, 'confirmed' FROM subscribers`,
  );
}

async function runPipeline({ size, postgres, dkim, sink, workers }) {
  const { loadConfig } = dist('config/app-config.js');
  const { migrate } = dist('common/db/data-source-options.js');
  const { createApp } = dist('bootstrap.js');
  const { startEmbeddedRedis } = dist('platform/embedded-redis.js');
  const { DataSource } = require('typeorm');
  const dataDir = mkdtempSync(join(tmpdir(), 'vm-bench-'));
  const redis = await startEmbeddedRedis(join(dataDir, 'redis'));
  let pgServer;
  let databaseUrl = `sqlite:${join(dataDir, 'bench.sqlite')}`;
  if (postgres) {
    // The server inherits the script's stdout: a pipe would never close, so it goes to a file.
    const outFile = join(dataDir, 'pg.env');
    const fd = openSync(outFile, 'w');
    execFileSync(join(__dirname, '..', 'scripts', 'postgres-for-tests.sh'), { stdio: ['ignore', fd, 'inherit'] });
    closeSync(fd);
    const out = readFileSync(outFile, 'utf8');
    pgServer = /PG_DIR=(.*)/.exec(out)[1];
    databaseUrl = /TEST_DATABASE_URL=(.*)/.exec(out)[1];
  }
  const env = {
    MODE: 'api',
    PORT: '3999',
    HOST: '127.0.0.1',
    PUBLIC_URL: 'https://news.shop.example',
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    LINK_SECRETS: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'error',
    SMTP_POOL_SIZE: '10',
    SEND_CONCURRENCY: '4',
    SCHEDULER_TICK_MS: '1000',
    ...(dkim ? { DKIM_DOMAIN: 'shop.example', DKIM_SELECTOR: 'bench', DKIM_PRIVATE_KEY: dkim.privateKey } : {}),
  };
  process.env.DATABASE_URL = databaseUrl;
  const config = loadConfig(env);
  await migrate(config);
  const app = await createApp(config, false);
  const ds = app.get(DataSource);
  await ds.query("INSERT INTO lists (name) VALUES ('bench')");
  const seedStart = Date.now();
  await seedSubscribers(ds, size, 1);
  const seedSeconds = (Date.now() - seedStart) / 1000;
  const { CampaignsService } = dist('campaigns/campaigns.service.js');
  const { ReadCampaignProgress } = dist('campaigns/progress/read-campaign-progress.js');
  const campaigns = app.get(CampaignsService);
  const progressOf = (id) => app.get(ReadCampaignProgress).execute(id);
  const { sampleContent } = dist('kinds/kind-content.registry.js');
  const campaign = await campaigns.create({
    kind: 'poll',
    name: 'bench',
    subject: 'Hoe was het, {{subscriber.name}}?',
    fromEmail: 'news@shop.example',
    audience: { listIds: [1] },
    content: sampleContent('poll'),
  });
  await sink.reset();
  const children = Array.from({ length: workers }, () =>
    spawn(process.execPath, [join(__dirname, '..', 'dist', 'worker.js')], {
      env: { ...process.env, ...env, MODE: 'worker', WORKER_PORT: '0' },
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  await sleep(1500);
  const started = Date.now();
  await campaigns.act(campaign.id, 'start');
  let peak = 0;
  for (;;) {
    await sleep(250);
    for (const c of children) peak = Math.max(peak, peakRssMb(c.pid) ?? 0);
    const p = await progressOf(campaign.id);
    if (p.status === 'finished') break;
  }
  const seconds = (Date.now() - started) / 1000;
  const received = await sink.count();
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => c.once('exit', r))));
  const progress = await progressOf(campaign.id);
  await app.close();
  await redis.stop();
  if (pgServer) execFileSync(join(__dirname, '..', 'scripts', 'postgres-for-tests.sh'), ['stop', pgServer]);
  rmSync(dataDir, { recursive: true, force: true });
  return {
    database: postgres ? 'postgresql' : 'sqlite',
    workers,
    recipients: size,
    seconds: Math.round(seconds * 10) / 10,
    messagesPerSecond: Math.round(size / seconds),
    received: received.count,
    uniqueReceived: received.unique,
    sent: progress.sent,
    workerPeakRssMb: peak,
    seedSeconds,
  };
}

async function renderSample() {
  const { loadConfig } = dist('config/app-config.js');
  const { LinkTokenService } = dist('links/link-token.service.js');
  const { renderOnlyKindRegistry, sampleContent } = dist('kinds/kind-content.registry.js');
  const { MjmlCompiler } = dist('templates/mjml-compiler.js');
  const { RenderService } = dist('templates/render.service.js');
  const { TemplateFiles } = dist('templates/template-files.js');
  const config = loadConfig({ PUBLIC_URL: 'https://news.shop.example', LINK_SECRETS: 'b'.repeat(48) });
  const renderer = new RenderService(
    config,
    new TemplateFiles(),
    new MjmlCompiler(),
    new LinkTokenService(config),
    renderOnlyKindRegistry(),
  );
  const compiled = await renderer.compile({
    id: 1,
    kind: 'poll',
    subject: 'Hoe was het, {{subscriber.name}}?',
    preheader: '',
    content: sampleContent('poll'),
    customMjml: null,
    locale: 'en',
  });
  const m = renderer.render(compiled, {
    deliveryId: 1,
    subscriber: { id: 1, email: 'bench-1@example.com', name: 'Klant 1', attributes: {} },
  });
  return { from: 'news@shop.example', subject: m.subject, html: m.html, text: m.text };
}

exports.run = async ({ flags }) => {
  const size = flag(flags, '1m', false) ? 1_000_000 : Number(flag(flags, 'size', 100_000));
  const useDkim = flag(flags, 'dkim', false);
  // Entity column types are fixed when dist/ is first loaded (from DATABASE_URL's scheme),
  // so one run measures one database: SQLite by default, PostgreSQL with --postgres.
  const databases = flag(flags, 'postgres', false) === true ? ['postgres'] : ['sqlite'];
  if (databases[0] === 'postgres') process.env.DATABASE_URL = 'postgres://set-when-the-server-is-up';
  const dkim = useDkim
    ? (() => {
        const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
        return {
          domainName: 'shop.example',
          keySelector: 'bench',
          privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        };
      })()
    : undefined;
  const sink = await startSink();

  // The same message our pipeline sends: one recipient of the poll campaign, rendered by our renderer.
  const sample = await renderSample();
  const rawCount = Math.min(size, 20_000);
  const raw1 = await rawBaseline(sink.port, sample, rawCount, 1, dkim);
  const raw2 = await rawBaseline(sink.port, sample, rawCount, 2, dkim);
  const bestRaw = Math.max(raw1, raw2);
  const pipeline = [];
  for (const db of databases) {
    pipeline.push(
      await runPipeline({
        size,
        postgres: db === 'postgres',
        dkim: dkim && { privateKey: dkim.privateKey },
        sink,
        workers: Number(flag(flags, 'workers', 1)),
      }),
    );
  }
  sink.child.kill();
  // Every recipient got exactly one message (no faults are injected here).
  const failures = pipeline.flatMap((p) => [
    ...(p.received !== p.recipients
      ? [`${p.database}: the sink received ${p.received} messages for ${p.recipients} recipients`]
      : []),
    ...(p.uniqueReceived !== p.received
      ? [`${p.database}: ${p.received - p.uniqueReceived} recipients got a second copy`]
      : []),
  ]);
  return {
    failures,
    dkim: Boolean(dkim),
    rawNodemailer: { oneProcess: raw1, twoProcesses: raw2, best: bestRaw },
    pipeline: pipeline.map((p) => ({ ...p, ratioToBestRaw: Math.round((p.messagesPerSecond / bestRaw) * 100) / 100 })),
  };
};
