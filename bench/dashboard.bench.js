// npm run bench -- dashboard [--subscribers=1000000] [--campaigns=20] [--recipients=230000] [--postgres]:
// an installation of --subscribers (2 years of sign-ups, 1 in 20 gone) and --campaigns
// finished campaigns of the seven kinds, each to --recipients, with a realistic event log
// (delivered, human and machine opens, clicks, the kind's action: about 2.15 events per
// recipient, 10M with the defaults) and NPS answers, generated inside the database
// (INSERT … SELECT over a number series); then times GET /api/dashboard's use case and
// each of its parts, warm, as the median of 5 runs. Value profiles (7 in 10 subscribers) are
// written directly too; their averages are read once per 5 minutes, timed apart (valueDimensionsReadingMs).
const { dist, flag, startBenchApp } = require('./support/bench-app');
const DAY_S = 86_400;
const KINDS = ['poll', 'discount', 'knowledge', 'loyalty', 'gift', 'contest', 'service'];
const ACTION = {
  poll: 'poll_answered',
  discount: 'trial_started',
  knowledge: 'click',
  loyalty: 'bonus_collected',
  gift: 'gift_claimed',
  contest: 'contest_entered',
  service: 'service_requested',
};

/** SQL for the time `seconds` (an SQL expression) before now, as each driver stores it. */
const ago = (pg, seconds) =>
  pg
    ? `(now() - make_interval(secs => (${seconds})::double precision))`
    : `strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || (${seconds}) || ' seconds')`;
/** `SELECT x FROM <1..n>` on either driver. */
const series = (pg, n) =>
  pg
    ? `SELECT x FROM generate_series(1, ${n}) AS g(x)`
    : `WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < ${n}) SELECT x FROM s`;

async function seed(ds, { subscribers, campaigns, recipients }) {
  const pg = ds.options.type === 'postgres';
  const step = async (what, text) => {
    const started = Date.now();
    await ds.query(text);
    console.log(`  seeded ${what} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  // Created over two years; 1 in 25 unsubscribed and 1 in 61 bounced, part of the way from joining to now.
  const created = `((CAST(x AS BIGINT) * 7919) % ${730 * DAY_S})`;
  const status = "CASE WHEN x % 25 = 0 THEN 'unsubscribed' WHEN x % 61 = 0 THEN 'bounced' ELSE 'active' END";
  await step(
    `${subscribers} subscribers`,
    `INSERT INTO subscribers (email, email_hash, name, status, created_at, updated_at)
    SELECT 'bench-' || x || '@example.com', 'h' || x, 'Klant ' || x, ${status}, ${ago(pg, created)},
      ${ago(pg, `CASE WHEN x % 25 = 0 OR x % 61 = 0 THEN ${created} * (x % 7) / 7 ELSE ${created} END`)} FROM (${series(pg, subscribers)}) q`,
  );
  const { sampleContent } = dist('kinds/kind-content.registry.js');
  const ids = [];
  for (let c = 0; c < campaigns; c++) {
    const kind = KINDS[c % KINDS.length];
    const startedDaysAgo = (campaigns - c) * 9;
    const content = sampleContent(kind);
    // Knowledge clicks land on the items' own links (index 1: the second item).
    const links =
      kind === 'knowledge'
        ? content.items.map((item) => item.url)
        : ['https://shop.example/a', 'https://shop.example/b'];
    const params = [
      kind,
      `Bench ${c} (${kind})`,
      'Bench',
      '{"listIds":[1]}',
      JSON.stringify(content),
      'finished',
      recipients,
      Math.round(recipients * 0.98),
      Math.round(recipients / 200),
      JSON.stringify(links),
    ];
    const p = (i) => (pg ? `$${i}` : '?');
    await ds.query(
      `INSERT INTO campaigns (kind, name, subject, audience, content, status, total_count, sent_count, hard_bounce_count, links, started_at, finished_at)
      VALUES (${params.map((_, i) => p(i + 1)).join(', ')}, ${ago(pg, startedDaysAgo * DAY_S)}, ${ago(pg, startedDaysAgo * DAY_S - 3600)})`,
      params,
    );
    const [{ id }] = await ds.query('SELECT MAX(id) AS id FROM campaigns');
    ids.push({ id: Number(id), kind, startedDaysAgo });
  }
  const span = subscribers - recipients;
  for (const [i, c] of ids.entries()) {
    const offset = (i * 37_013) % Math.max(1, span);
    await step(
      `deliveries of campaign ${c.id}`,
      `INSERT INTO deliveries (campaign_id, subscriber_id, status, sent_at, bounce)
      SELECT ${c.id}, x + ${offset}, CASE WHEN x % 50 = 49 THEN 'failed' ELSE 'sent' END, ${ago(pg, c.startedDaysAgo * DAY_S)}, CASE WHEN x % 200 = 0 THEN 'hard' END
      FROM (${series(pg, recipients)}) q`,
    );
    const at = (hours) => ago(pg, `${c.startedDaysAgo * DAY_S} - (d.subscriber_id % ${hours * 3600})`);
    const human = pg ? 'false' : '0';
    const machine = pg ? 'true' : '1';
    const from = `FROM deliveries d WHERE d.campaign_id = ${c.id} AND d.status = 'sent'`;
    const events = [
      `SELECT 'delivered' AS type, d.id AS delivery_id, d.subscriber_id AS subscriber_id, ${at(1)} AS occurred_at, '{}' AS data, ${human} AS machine ${from}`,
      `SELECT 'open', d.id, d.subscriber_id, ${at(48)}, '{}', ${machine} ${from} AND d.subscriber_id % 5 IN (0, 4)`,
      `SELECT 'open', d.id, d.subscriber_id, ${at(48)}, '{}', ${human} ${from} AND d.subscriber_id % 5 < 2`,
      `SELECT 'open', d.id, d.subscriber_id, ${at(72)}, '{}', ${human} ${from} AND d.subscriber_id % 10 = 0`,
      `SELECT 'click', d.id, d.subscriber_id, ${at(48)}, '{"index":1,"url":"https://shop.example/b"}', ${human} ${from} AND d.subscriber_id % 12 = 0`,
      `SELECT 'click', d.id, d.subscriber_id, ${at(48)}, '{"index":0,"url":"https://shop.example/a"}', ${machine} ${from} AND d.subscriber_id % 40 = 0`,
      `SELECT '${ACTION[c.kind]}', d.id, d.subscriber_id, ${at(96)}, '{}', ${human} ${from} AND d.subscriber_id % 7 = 0`,
    ];
    await step(
      `events of campaign ${c.id}`,
      `INSERT INTO events (type, campaign_id, delivery_id, subscriber_id, occurred_at, data, machine)
      SELECT t.type, ${c.id}, t.delivery_id, t.subscriber_id, t.occurred_at, t.data, t.machine FROM (${events.join(' UNION ALL ')}) t`,
    );
    if (c.kind === 'poll') {
      await step(
        `poll answers of campaign ${c.id}`,
        `INSERT INTO poll_answers (campaign_id, subscriber_id, delivery_id, value, answered_at)
        SELECT ${c.id}, d.subscriber_id, d.id, CAST(d.subscriber_id % 11 AS VARCHAR(16)), ${ago(pg, `${c.startedDaysAgo * DAY_S} - (d.subscriber_id % ${4 * DAY_S})`)} ${from} AND d.subscriber_id % 7 = 0`,
      );
    }
  }
  // Value profiles for 7 in 10 subscribers (as if the scores module had folded their events): sums 1–30
  // per dimension, the last interaction up to 180 days ago, the anchor the profile store would write.
  const nowMs = Date.now();
  const halfLifeMs = 90 * DAY_S * 1000;
  const dimensions = ['functional', 'economic', 'emotional', 'symbolic'].map((d, i) => {
    const sum = `((x * ${7 + i}) % 30 + 1)`;
    const daysAgo = `(x % 180)`;
    const present = `x % ${3 + i} <> 0`;
    return `CASE WHEN ${present} THEN ${sum} ELSE 0 END, CASE WHEN ${present} THEN ${ago(pg, `${daysAgo} * ${DAY_S}`)} END,
      CASE WHEN ${present} THEN ln(${sum}) / ln(2) + (${nowMs} - ${daysAgo} * ${DAY_S * 1000}.0) / ${halfLifeMs} END`;
  });
  await step(
    `${Math.round(subscribers * 0.7)} value profiles`,
    `INSERT INTO value_profiles (subscriber_id, ${['functional', 'economic', 'emotional', 'symbolic'].map((d) => `${d}_sum, ${d}_at, ${d}_anchor`).join(', ')})
    SELECT x, ${dimensions.join(', ')} FROM (${series(pg, subscribers)}) q WHERE x % 10 < 7`,
  );
  const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM events');
  return { events: Number(n) };
}

exports.run = async ({ flags }) => {
  const subscribers = Number(flag(flags, 'subscribers', 1_000_000));
  const campaigns = Number(flag(flags, 'campaigns', 20));
  const recipients = Math.min(subscribers, Number(flag(flags, 'recipients', 230_000)));
  const postgres = Boolean(flag(flags, 'postgres', false));
  const { app, ds, stop } = await startBenchApp({ name: 'dashboard', postgres, port: 3997 });
  try {
    const seedStarted = Date.now();
    const { events } = await seed(ds, { subscribers, campaigns, recipients });
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    await ds.query(postgres ? 'VACUUM ANALYZE' : 'ANALYZE');
    const [{ n: activeCount }] = await ds.query("SELECT COUNT(*) AS n FROM subscribers WHERE status = 'active'");
    const active = Number(activeCount);
    const parts = {
      valueDimensions: [dist('reports/dashboard/value-dimensions.js').ValueDimensions, (u) => u.execute(active)],
      dashboard: [dist('reports/dashboard/build-dashboard.js').BuildDashboard, (u) => u.execute()],
      recentCampaigns: [dist('reports/dashboard/recent-campaigns.js').RecentCampaigns, (u) => u.execute()],
      subscribersOverTime: [dist('reports/dashboard/subscribers-over-time.js').SubscribersOverTime, (u) => u.execute()],
      npsOverTime: [dist('reports/dashboard/nps-over-time.js').NpsOverTime, (u) => u.execute()],
      attention: [dist('reports/dashboard/attention-items.js').AttentionItems, (u) => u.execute()],
    };
    const timings = {};
    let sample;
    for (const [name, [type, call]] of Object.entries(parts)) {
      const useCase = app.get(type);
      const first = process.hrtime.bigint();
      const result = await call(useCase); // warm-up: statement caches, pages in memory
      // The value averages are read once and then served for 5 minutes: the first call is the reading.
      if (name === 'valueDimensions')
        timings.valueDimensionsReadingMs = Math.round(Number(process.hrtime.bigint() - first) / 1e6);
      if (name === 'dashboard') sample = result;
      const runs = [];
      for (let i = 0; i < 5; i++) {
        const start = process.hrtime.bigint();
        await call(useCase);
        runs.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      timings[`${name}Ms`] = Math.round(runs.sort((a, b) => a - b)[2]);
    }
    return {
      database: postgres ? 'postgresql' : 'sqlite',
      subscribers,
      campaigns,
      recipientsPerCampaign: recipients,
      events,
      seedSeconds,
      ...timings,
      check: {
        recent: sample.recentCampaigns.map(
          (c) =>
            `${c.kind}: open ${c.openRate}, click ${c.clickRate}, act ${c.actRate}, ${c.headline.label} ${c.headline.value}`,
        ),
        activeSubscribers: sample.subscribersOverTime.total,
        npsAnswers: sample.npsOverTime.overall.answers,
        attention: sample.attention.length,
        valueDimensions: sample.valueDimensions.averages,
      },
    };
  } finally {
    // --keep leaves the database for EXPLAIN and trying queries by hand.
    await stop({ keep: Boolean(flag(flags, 'keep', false)) });
  }
};
