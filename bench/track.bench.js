// npm run bench -- track [--seconds=10] [--connections=50]
// The open pixel and the click redirect of a real app process (api + worker,
// embedded-style Redis with AOF, SQLite) under autocannon, against a bare
// node:http server answering the same GIF; then every accepted hit must be in
// the event log once the drain has caught up.
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { mkdtempSync, rmSync } = require('node:fs');
const http = require('node:http');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const autocannon = require('autocannon');
const { flag } = require('./support/bench-app');

const dist = (p) => require(join(__dirname, '..', 'dist', p));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The bare baseline runs in its own process, like the app, so neither shares autocannon's event loop.
const BARE_SERVER = `
const http = require('node:http');
const gif = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
const headers = { 'content-type': 'image/gif', 'cache-control': 'no-store, no-cache, must-revalidate, private', pragma: 'no-cache', expires: '0', 'content-length': gif.length };
const server = http.createServer((req, res) => { res.writeHead(200, headers); res.end(gif); });
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
`;

function startBare() {
  const child = spawn(process.execPath, ['-e', BARE_SERVER], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve) => child.once('message', ({ port }) => resolve({ port, child })));
}

async function waitForHealth(port, child) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}`);
    // Any answer means it is up (503 is expected: the SMTP transport is a dummy).
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

function load(port, requests, seconds, connections) {
  return autocannon({ url: `http://127.0.0.1:${port}`, connections, duration: seconds, requests });
}

const figures = (r) => ({
  requestsPerSecond: Math.round(r.requests.average),
  p50Ms: r.latency.p50,
  p99Ms: r.latency.p99,
  total: r.requests.total,
  '2xx': r['2xx'],
  '3xx': r['3xx'] ?? 0,
  non2xx: r.non2xx,
  errors: r.errors,
  timeouts: r.timeouts,
});

exports.run = async ({ flags }) => {
  const seconds = Number(flag(flags, 'seconds', 10));
  // --split: api and worker as two processes (the production layout) instead of MODE=all.
  // --outage: no drain during the load (the worker starts afterwards), standing in for a
  // database outage on SQLite: every hit must wait in Redis and land once draining resumes.
  const outage = flag(flags, 'outage', false) === true;
  const split = outage || flag(flags, 'split', false) === true;
  const connections = Number(flag(flags, 'connections', 50));
  const { loadConfig } = dist('config/app-config.js');
  const { migrate } = dist('common/db/data-source-options.js');
  const { startEmbeddedRedis, freePort } = dist('platform/embedded-redis.js');
  const { LinkTokenService } = dist('links/link-token.service.js');
  const { DataSource } = require('typeorm');
  const Redis = require('ioredis');

  const dataDir = mkdtempSync(join(tmpdir(), 'vm-bench-track-'));
  const redis = await startEmbeddedRedis(join(dataDir, 'redis'));
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
    ...(flag(flags, 'drain-batch', '') ? { TRACKING_DRAIN_BATCH_SIZE: String(flag(flags, 'drain-batch', '')) } : {}),
  };
  const config = loadConfig(env);
  await migrate(config);

  // A sent campaign: 200 recipients, each with a delivery sent an hour ago, and three links.
  const ds = new DataSource({ type: 'better-sqlite3', database: config.database.sqlitePath });
  await ds.initialize();
  const links = ['https://shop.example/a?x=1', 'https://shop.example/b', 'https://shop.example/c'];
  await ds.query(
    "INSERT INTO campaigns (kind, name, subject, audience, content, links, status) VALUES ('knowledge', 'bench', 'bench', '{\"listIds\":[]}', '{}', ?, 'finished')",
    [JSON.stringify(links)],
  );
  const sentAt = new Date(Date.now() - 3_600_000).toISOString().replace('T', ' ').replace('Z', '');
  const tokens = new LinkTokenService(config);
  const paths = { pixel: [], click: [] };
  for (let i = 0; i < 200; i++) {
    const { id: subscriberId } = (
      await ds.query('INSERT INTO subscribers (email, name) VALUES (?, ?) RETURNING id', [
        `bench-${i}@example.com`,
        `Klant ${i}`,
      ])
    )[0];
    const { id: deliveryId } = (
      await ds.query(
        "INSERT INTO deliveries (campaign_id, subscriber_id, status, sent_at) VALUES (1, ?, 'sent', ?) RETURNING id",
        [subscriberId, sentAt],
      )
    )[0];
    const token = tokens.sign({ campaignId: 1, deliveryId, subscriberId });
    paths.pixel.push({
      method: 'GET',
      path: `/o/${token}.gif`,
      headers: { 'user-agent': 'Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15 (KHTML, like Gecko)' },
    });
    paths.click.push({
      method: 'GET',
      path: `/r/${token}/1`,
      headers: { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0' },
    });
  }

  const app = spawn(process.execPath, [join(__dirname, '..', 'dist', 'main.js')], {
    env: { ...process.env, ...env, ...(split ? { MODE: 'api' } : {}) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const startWorker = () =>
    spawn(process.execPath, [join(__dirname, '..', 'dist', 'main.js')], {
      env: { ...process.env, ...env, MODE: 'worker', WORKER_PORT: '0' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  let worker = split && !outage ? startWorker() : undefined;
  const bare = await startBare();
  try {
    await waitForHealth(port, app);
    // Warm-up: JIT, connection pools, caches.
    await load(bare.port, undefined, 2, connections);
    const warmupPixel = figures(await load(port, paths.pixel, 2, connections));

    const bareRun = figures(await load(bare.port, undefined, seconds, connections));
    const pixelRun = figures(await load(port, paths.pixel, seconds, connections));
    const redirectRun = figures(await load(port, paths.click, seconds, connections));
    // The same route with a forged token: everything but the Redis write, to show what that write costs.
    const forged = paths.pixel.map((p) => ({ ...p, path: p.path.replace(/[A-Za-z0-9_-]{6}\.gif$/, 'AAAAAA.gif') }));
    const forgedRun = figures(await load(port, forged, seconds, connections));

    // Every hit answered with the GIF or the 302 was acknowledged by Redis first; all must land.
    const client = new Redis(redis.url);
    const backlogAfterLoad = await client.xlen('bench:tracking:hits');
    const storedDuringLoad = Number((await ds.query('SELECT COUNT(*) AS n FROM events'))[0].n);
    if (outage) worker = startWorker();
    const drainStart = Date.now();
    let stored;
    for (;;) {
      const backlog = await client.xlen('bench:tracking:hits');
      stored = (
        await ds.query("SELECT type, COUNT(*) AS n FROM events WHERE dedupe_key LIKE 'hit:%' GROUP BY type")
      ).reduce((m, r) => ({ ...m, [r.type]: Number(r.n) }), {});
      if (backlog === 0) break;
      if (Date.now() - drainStart > 120_000) break;
      await sleep(250);
    }
    const drainSeconds = (Date.now() - drainStart) / 1000;
    await client.quit();
    // The warm-up pixel run's hits were accepted too.
    const accepted = { opens: warmupPixel['2xx'] + pixelRun['2xx'], clicks: redirectRun['3xx'] };
    const machine = Number((await ds.query('SELECT COUNT(*) AS n FROM events WHERE machine = 1'))[0].n);
    const lost = Math.max(0, accepted.opens - (stored.open ?? 0)) + Math.max(0, accepted.clicks - (stored.click ?? 0));
    return {
      failures: lost > 0 ? [`${lost} accepted hits are not in the event log`] : [],
      layout: outage
        ? 'api process; worker started after the load (drain outage)'
        : split
          ? 'api + worker processes'
          : 'one process (MODE=all)',
      seconds,
      connections,
      bareNodeHttp: bareRun,
      pixel: {
        ...pixelRun,
        ratioToBare: Math.round((pixelRun.requestsPerSecond / bareRun.requestsPerSecond) * 100) / 100,
      },
      pixelForgedToken: {
        ...forgedRun,
        ratioToBare: Math.round((forgedRun.requestsPerSecond / bareRun.requestsPerSecond) * 100) / 100,
      },
      redirect: {
        ...redirectRun,
        ratioToBare: Math.round((redirectRun.requestsPerSecond / bareRun.requestsPerSecond) * 100) / 100,
      },
      events: {
        acceptedOpens: accepted.opens,
        storedOpens: stored.open ?? 0,
        acceptedClicks: accepted.clicks,
        storedClicks: stored.click ?? 0,
        lost: Math.max(0, accepted.opens - (stored.open ?? 0)) + Math.max(0, accepted.clicks - (stored.click ?? 0)),
        // Requests the server answered after autocannon stopped counting (50 per run): stored, not counted as accepted.
        storedBeyondCounted: (stored.open ?? 0) - accepted.opens + (stored.click ?? 0) - accepted.clicks,
        machineFlagged: machine,
        streamEntriesAfterLoad: backlogAfterLoad,
        eventsStoredDuringLoad: storedDuringLoad,
        drainCatchUpSeconds: Math.round(drainSeconds * 10) / 10,
      },
    };
  } finally {
    app.kill('SIGTERM');
    worker?.kill('SIGTERM');
    bare.child.kill();
    await new Promise((r) => (app.exitCode !== null ? r() : app.once('exit', r)));
    if (worker) await new Promise((r) => (worker.exitCode !== null ? r() : worker.once('exit', r)));
    await ds.destroy();
    await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};
