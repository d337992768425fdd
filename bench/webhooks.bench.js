// npm run bench -- webhooks [--events=20000] [--concurrency=8]
// A real app process (MODE=all, SQLite, embedded-style Redis) turns a burst of
// logged events into webhook deliveries (the outbox, in the event log
// follower's transactions) and POSTs them, signed, to a receiver in another
// process; beside it, bare node:http POSTs of the same bodies at the same
// concurrency to the same receiver. Every event must arrive exactly once.
// BENCH_PROF=/some/dir writes a CPU profile of the app process there.
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const http = require('node:http');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { flag } = require('./support/bench-app');

const dist = (p) => require(join(__dirname, '..', 'dist', p));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Counts requests and distinct payload ids; answers 200 at once.
const RECEIVER = `
const http = require('node:http');
const ids = new Set();
let requests = 0;
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    requests++;
    try { ids.add(JSON.parse(Buffer.concat(chunks)).id); } catch {}
    res.writeHead(200).end('ok');
  });
});
process.on('message', (m) => {
  if (m === 'count') process.send({ requests, distinct: ids.size });
  if (m === 'reset') { requests = 0; ids.clear(); process.send({ requests, distinct: 0 }); }
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
`;

function startReceiver() {
  const child = spawn(process.execPath, ['-e', RECEIVER], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const ask = (m) =>
    new Promise((resolve) => {
      child.once('message', resolve);
      child.send(m);
    });
  return new Promise((resolve) => child.once('message', ({ port }) => resolve({ port, child, ask })));
}

function post(port, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/bare',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', resolve);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function barePosts(port, count, concurrency, body) {
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < count) await post(port, body);
    }),
  );
  return count / ((Date.now() - started) / 1000);
}

async function waitForHealth(port, child) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}`);
    const ok = await new Promise((resolve) => {
      http
        .get({ host: '127.0.0.1', port, path: '/health' }, (res) => {
          res.resume();
          resolve(true);
        })
        .on('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(200);
  }
  throw new Error('app did not become healthy');
}

const peakRssMb = (pid) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return line ? Math.round(Number(line.replace(/\D+/g, '')) / 1024) : null;
};

exports.run = async ({ flags }) => {
  const events = Number(flag(flags, 'events', 20000));
  const concurrency = Number(flag(flags, 'concurrency', 8));
  const { loadConfig } = dist('config/app-config.js');
  const { migrate } = dist('common/db/data-source-options.js');
  const { startEmbeddedRedis, freePort } = dist('platform/embedded-redis.js');
  const { DataSource } = require('typeorm');

  const dataDir = mkdtempSync(join(tmpdir(), 'vm-bench-webhooks-'));
  const redis = await startEmbeddedRedis(join(dataDir, 'redis'));
  const receiver = await startReceiver();
  const port = await freePort();
  const env = {
    MODE: 'all',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    DATABASE_URL: `sqlite:${join(dataDir, 'bench.sqlite')}`,
    REDIS_URL: redis.url,
    SMTP_URL: 'smtp://127.0.0.1:1',
    LINK_SECRETS: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    QUEUE_PREFIX: 'bench',
    WEBHOOKS_ALLOW_PRIVATE: 'true',
    WEBHOOKS_CONCURRENCY: String(concurrency),
  };
  const config = loadConfig(env);
  await migrate(config);

  // The backlog: 1,000 subscribers, one campaign, `events` delivered/open/click events, one endpoint for all of them.
  const ds = new DataSource({ type: 'better-sqlite3', database: config.database.sqlitePath });
  await ds.initialize();
  await ds.query(
    "INSERT INTO campaigns (kind, name, subject, audience, content, status) VALUES ('poll', 'bench', 'bench', '{\"listIds\":[]}', '{}', 'finished')",
  );
  await ds.transaction(async (tx) => {
    for (let i = 0; i < 1000; i++)
      await tx.query('INSERT INTO subscribers (email, name) VALUES (?, ?)', [`bench-${i}@example.com`, `Klant ${i}`]);
  });
  await ds.query(
    `INSERT INTO webhook_endpoints (name, url, secret, description, events, include_machine, enabled, consecutive_failures, start_after_event_id)
    VALUES ('bench', ?, 'whsec_bench_secret_0123456789', '', '["*"]', 0, 1, 0, 0)`,
    [`http://127.0.0.1:${receiver.port}/hook`],
  );
  // Written while the app runs, as one burst (what a large send's delivered events look like to the follower).
  const writeEvents = () =>
    ds.transaction(async (tx) => {
      const types = ['delivered', 'open', 'click'];
      for (let i = 0; i < events; i++) {
        await tx.query(
          "INSERT INTO events (type, campaign_id, subscriber_id, occurred_at, data, machine) VALUES (?, 1, ?, strftime('%Y-%m-%d %H:%M:%f', 'now'), ?, 0)",
          [types[i % 3], (i % 1000) + 1, i % 3 === 2 ? '{"index":0,"url":"https://shop.example/a"}' : '{}'],
        );
      }
    });

  const app = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_PROF] : []),
      join(__dirname, '..', 'dist', 'main.js'),
    ],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  try {
    await waitForHealth(port, app);
    await sleep(1000);
    await writeEvents();
    const started = Date.now();
    let createdAt;
    let count;
    for (;;) {
      count = await receiver.ask('count');
      if (!createdAt && Number((await ds.query('SELECT COUNT(*) AS n FROM webhook_deliveries'))[0].n) >= events)
        createdAt = Date.now();
      if (count.requests >= events || Date.now() - started > 600_000) break;
      await sleep(50);
    }
    const doneAt = Date.now();
    await sleep(1000);
    count = await receiver.ask('count');
    const [{ delivered }] = await ds.query(
      "SELECT COUNT(*) AS delivered FROM webhook_deliveries WHERE status = 'delivered'",
    );
    const rss = peakRssMb(app.pid);

    const sampleBody = JSON.stringify({
      id: 1,
      type: 'click',
      occurredAt: new Date().toISOString(),
      data: {
        subscriber: { id: 1, email: 'bench-0@example.com', externalId: null },
        campaign: { id: 1, name: 'bench', kind: 'poll' },
        index: 0,
        url: 'https://shop.example/a',
        machine: false,
      },
    });
    await receiver.ask('reset');
    await barePosts(receiver.port, 1000, concurrency, sampleBody);
    const bareRate = await barePosts(receiver.port, Math.min(events, 20000), concurrency, sampleBody);

    const rate = (n, ms) => Math.round(n / (ms / 1000));
    const webhooksPerSecond = rate(events, doneAt - started);
    // Exactly once: one POST per event, each payload id once, every outbox row delivered.
    const failures = [
      ...(count.requests !== events ? [`the receiver got ${count.requests} POSTs for ${events} events`] : []),
      ...(count.distinct !== events ? [`${count.distinct} distinct payload ids for ${events} events`] : []),
      ...(Number(delivered) !== events ? [`${delivered} outbox rows delivered for ${events} events`] : []),
    ];
    return {
      failures,
      events,
      concurrency,
      outboxRowsPerSecond: rate(events, createdAt - started),
      deliveredPerSecond: webhooksPerSecond,
      bareNodeHttpPostsPerSecond: Math.round(bareRate),
      ratioToBare: Math.round((webhooksPerSecond / bareRate) * 100) / 100,
      received: count.requests,
      distinctPayloadIds: count.distinct,
      deliveredRows: Number(delivered),
      appPeakRssMb: rss,
    };
  } finally {
    app.kill('SIGTERM');
    receiver.child.kill();
    await new Promise((r) => (app.exitCode !== null ? r() : app.once('exit', r)));
    await ds.destroy();
    await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};
