// npm run bench -- scores [--subscribers=100000] [--events=2000000]
// Builds a SQLite database of subscribers, campaigns of the seven kinds and a
// mixed event log (raw inserts), then runs the full recompute twice through the
// real code (RecomputeScores, as the CLI and the BullMQ job call it): over half
// the log, then over all of it, each in a process with a 128 MB V8 heap. Reports
// events/s and peak RSS of each, so it shows that memory does not grow with the log.
const { fork } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
require('reflect-metadata');
const { Module } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const { TypeOrmModule } = require('@nestjs/typeorm');
const Database = require('better-sqlite3');
const { flag } = require('./support/bench-app');

const dist = join(__dirname, '..', 'dist');
const { loadConfig } = require(`${dist}/config/app-config`);
const { ConfigModule } = require(`${dist}/config/config.module`);
const { CommonModule } = require(`${dist}/common/common.module`);
const { createDataSource, dataSourceOptions, migrate } = require(`${dist}/common/db/data-source-options`);
const { EventsModule } = require(`${dist}/events/events.module`);
const { ScoresCoreModule } = require(`${dist}/scores/scores-core.module`);
const { KindDefinitionsModule } = require(`${dist}/kinds/kind-definitions.module`);
const { RecomputeRuns } = require(`${dist}/scores/recompute/recompute-runs`);
const { RecomputeScores } = require(`${dist}/scores/recompute/recompute-scores`);

// A deterministic generator, so every run measures the same log.
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = ['discount', 'loyalty', 'knowledge', 'service', 'poll', 'gift', 'contest'];
const TOPIC_URLS = ['https://shop.example/brewing', 'https://shop.example/pairing', 'https://shop.example/forum'];
// type, share of the log, the campaign kind it needs (if any)
const MIX = [
  ['delivered', 0.15],
  ['open', 0.33],
  ['open', 0.05, null, true],
  ['click', 0.15],
  ['click', 0.02, null, true],
  ['click', 0.06, 'knowledge'],
  ['poll_answered', 0.04, 'poll'],
  ['coupon_redeemed', 0.02, 'discount'],
  ['trial_started', 0.02, 'discount'],
  ['conversion', 0.01, 'discount'],
  ['purchase', 0.03],
  ['points_earned', 0.03, 'loyalty'],
  ['points_redeemed', 0.01],
  ['bonus_collected', 0.01, 'loyalty'],
  ['service_requested', 0.02, 'service'],
  ['gift_claimed', 0.02, 'gift'],
  ['contest_entered', 0.02, 'contest'],
  ['bounce', 0.01],
];

function seed(path, subscribers, events) {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const rnd = random(42);
  db.transaction(() => {
    const insert = db.prepare("INSERT INTO subscribers (email, name, status) VALUES (?, ?, 'active')");
    for (let i = 1; i <= subscribers; i++) insert.run(`bench-${i}@example.com`, `Klant ${i}`);
  })();
  const campaigns = {};
  db.transaction(() => {
    const insert = db.prepare(
      "INSERT INTO campaigns (kind, name, subject, audience, content, links, status) VALUES (?, ?, 'Bench', '{}', ?, ?, 'finished')",
    );
    for (let i = 0; i < 28; i++) {
      const kind = KINDS[i % KINDS.length];
      const content =
        kind === 'knowledge'
          ? {
              intro: 'x',
              items: TOPIC_URLS.map((url, k) => ({
                title: `Item ${k}`,
                summary: 's',
                url,
                topic: ['brewing', 'pairing', 'community'][k],
                type: 'article',
              })),
            }
          : kind === 'poll'
            ? { question: 'How likely…', type: i % 2 ? 'nps' : 'csat' }
            : {};
      const id = Number(
        insert.run(
          kind,
          `${kind} ${i}`,
          JSON.stringify(content),
          JSON.stringify(kind === 'knowledge' ? TOPIC_URLS : ['https://shop.example/']),
        ).lastInsertRowid,
      );
      (campaigns[kind] ??= []).push({ id, poll: content.type });
    }
  })();
  const all = Object.values(campaigns).flat();
  const cumulative = [];
  let total = 0;
  for (const entry of MIX) cumulative.push([(total += entry[1]), entry]);
  const insert = db.prepare(
    'INSERT INTO events (type, campaign_id, delivery_id, subscriber_id, occurred_at, data, machine) VALUES (?, ?, NULL, ?, ?, ?, ?)',
  );
  const now = Date.now();
  const chunk = 100_000;
  for (let start = 0; start < events; start += chunk) {
    db.transaction(() => {
      for (let i = start; i < Math.min(events, start + chunk); i++) {
        const r = rnd() * total;
        const [type, , kind, machine] = cumulative.find(([edge]) => r < edge)[1];
        const campaign = kind
          ? campaigns[kind][Math.floor(rnd() * campaigns[kind].length)]
          : all[Math.floor(rnd() * all.length)];
        let data = '{}';
        if (type === 'click') data = JSON.stringify({ index: Math.floor(rnd() * 3), url: 'https://shop.example/' });
        else if (type === 'poll_answered')
          data = JSON.stringify(
            campaign.poll === 'nps'
              ? { pollType: 'nps', value: String(Math.floor(rnd() * 11)) }
              : { pollType: 'csat', value: String(1 + Math.floor(rnd() * 5)) },
          );
        else if (type === 'purchase' || type === 'conversion')
          data = JSON.stringify({
            amount: Math.round(rnd() * 20000) / 100,
            currency: rnd() < 0.95 ? 'EUR' : 'USD',
            orderId: `o${i}`,
          });
        else if (type === 'points_earned' || type === 'points_redeemed')
          data = JSON.stringify({ points: 10 + Math.floor(rnd() * 200), reason: 'bench' });
        const at = new Date(now - Math.floor(rnd() * 365 * 86_400_000))
          .toISOString()
          .replace('T', ' ')
          .replace('Z', '');
        const subscriber = 1 + Math.floor(rnd() * subscribers);
        insert.run(
          type,
          type === 'purchase' || type === 'points_redeemed' ? null : campaign.id,
          subscriber,
          at,
          data,
          machine ? 1 : 0,
        );
      }
    })();
  }
  db.close();
}

function peakRssMb() {
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return hwm ? Math.round(Number(hwm[1]) / 1024) : Math.round(process.resourceUsage().maxRSS / 1024);
}

// In a child process (node bench/scores.bench.js --child DIR): one recompute over the database in DIR,
// so its peak RSS is its own and not what seeding or an earlier run left behind.
async function child(dir) {
  const config = loadConfig({ DATA_DIR: dir, LINK_SECRETS: 'x'.repeat(32), LOG_LEVEL: 'error' });
  class BenchModule {}
  Module({
    imports: [
      ConfigModule.forRoot(config),
      CommonModule,
      KindDefinitionsModule,
      TypeOrmModule.forRootAsync({
        useFactory: () => ({ ...dataSourceOptions(config), autoLoadEntities: true }),
        dataSourceFactory: (o) => createDataSource(o),
      }),
      EventsModule,
      ScoresCoreModule,
    ],
  })(BenchModule);
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error'] });
  try {
    const { DataSource } = require('typeorm');
    const ds = app.get(DataSource);
    const [{ n: logSize }] = await ds.query('SELECT COUNT(*) AS n FROM events');
    const rssBeforeMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const run = await app.get(RecomputeRuns).start('bench');
    const started = process.hrtime.bigint();
    await app.get(RecomputeScores).execute(run.id);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(sampler);
    const progress = await app.get(RecomputeRuns).progress(run.id);
    if (progress.status !== 'finished') throw new Error(`recompute ${progress.status}: ${progress.error}`);
    const [{ n: profiles }] = await ds.query('SELECT COUNT(*) AS n FROM value_profiles');
    const [{ n: interests }] = await ds.query('SELECT COUNT(*) AS n FROM value_interests');
    return {
      logEvents: Number(logSize),
      profileEvents: progress.eventsDone,
      seconds: Math.round(seconds * 100) / 100,
      eventsPerSecond: Math.round(Number(logSize) / seconds),
      profileEventsPerSecond: Math.round(progress.eventsDone / seconds),
      profiles: Number(profiles),
      interests: Number(interests),
      rssBeforeMb,
      peakRssMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024),
      processPeakRssMb: peakRssMb(),
    };
  } finally {
    await app.close();
  }
}

const HEAP_LIMIT_MB = 128;

function recomputeIn(dir, label) {
  return new Promise((resolve, reject) => {
    // A capped V8 heap: if memory grew with the log, the full run would die where the half one lives.
    const proc = fork(__filename, ['--child', dir], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: [`--max-old-space-size=${HEAP_LIMIT_MB}`],
    });
    proc.once('message', (m) => {
      if (m.error) return reject(new Error(m.error));
      console.log(
        `${label}: ${m.logEvents} events in ${m.seconds}s = ${m.eventsPerSecond} events/s, peak RSS ${m.peakRssMb} MB (${m.rssBeforeMb} MB before)`,
      );
      resolve(m);
    });
    proc.once('exit', (code) => code !== 0 && reject(new Error(`recompute process exited with ${code}`)));
  });
}

async function seeded(subscribers, events) {
  const dir = mkdtempSync(join(tmpdir(), 'vm-bench-scores-'));
  await migrate(loadConfig({ DATA_DIR: dir, LINK_SECRETS: 'x'.repeat(32), LOG_LEVEL: 'error' }));
  const started = Date.now();
  seed(join(dir, 'valuemail.sqlite'), subscribers, events);
  console.log(
    `seeded ${subscribers} subscribers and ${events} events in ${((Date.now() - started) / 1000).toFixed(1)}s`,
  );
  return dir;
}

exports._seed = seed;
exports.run = async ({ flags }) => {
  const subscribers = Number(flag(flags, 'subscribers', 100_000));
  const events = Number(flag(flags, 'events', 2_000_000));
  const dirs = [];
  try {
    dirs.push(await seeded(subscribers, Math.floor(events / 2)));
    const halfLog = await recomputeIn(dirs[0], 'half the log');
    rmSync(dirs[0], { recursive: true, force: true });
    dirs.push(await seeded(subscribers, events));
    const fullLog = await recomputeIn(dirs[1], 'full log');
    return {
      subscribers,
      events,
      database: 'sqlite',
      heapLimitMb: HEAP_LIMIT_MB,
      ...fullLog,
      halfLog,
      goalEventsPerSecond: 100_000,
      goalMet: fullLog.eventsPerSecond >= 100_000,
      peakRssGrowthFromHalfToFullMb: fullLog.peakRssMb - halfLog.peakRssMb,
    };
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
};

if (process.argv[2] === '--child') {
  child(process.argv[3])
    .then(
      (figures) => process.send(figures),
      (error) => process.send({ error: String((error && error.stack) || error) }),
    )
    .finally(() => process.disconnect());
}
