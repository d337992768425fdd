// npm run bench -- report [--size=100000] [--postgres]: a finished poll campaign of
// --size recipients with a realistic event log (delivered, human and machine opens,
// clicks, answers), written straight to the database; then times the campaign report
// (GET /api/campaigns/:id/report's use case) and streams recipients.csv and report.csv
// to the end, with peak RSS.
const { dist, flag, insertRows, startBenchApp } = require('./support/bench-app');
const HOUR = 3_600_000;

async function seed(ds, size) {
  const { dbTime, dbBool } = dist('common/db/sql-dialect.js');
  const t = (ms) => dbTime(ds, new Date(ms));
  const started = Date.now() - 72 * HOUR;
  await insertRows(ds, 'subscribers', ['email', 'name'], size, (i) => [`bench-${i}@example.com`, `Klant ${i}`]);
  const { sampleContent } = dist('kinds/kind-content.registry.js');
  await ds.query(
    ds.options.type === 'postgres'
      ? 'INSERT INTO campaigns (kind, name, subject, audience, content, status, started_at, finished_at, total_count, sent_count) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)'
      : 'INSERT INTO campaigns (kind, name, subject, audience, content, status, started_at, finished_at, total_count, sent_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [
      'poll',
      'bench',
      'Hoe was het?',
      '{"listIds":[1]}',
      JSON.stringify(sampleContent('poll')),
      'finished',
      t(started),
      t(started + HOUR),
      size,
      size,
    ],
  );
  const [{ id: campaignId }] = await ds.query('SELECT MAX(id) AS id FROM campaigns');
  const [{ id: firstSubscriber }] = await ds.query('SELECT MIN(id) AS id FROM subscribers');
  const sub = (i) => Number(firstSubscriber) + i;
  await insertRows(ds, 'deliveries', ['campaign_id', 'subscriber_id', 'status', 'sent_at', 'bounce'], size, (i) => [
    campaignId,
    sub(i),
    i % 50 === 49 ? 'failed' : 'sent',
    t(started + (i % 3600) * 1000),
    i % 200 === 0 ? 'hard' : null,
  ]);
  const [{ id: firstDelivery }] = await ds.query(
    ds.options.type === 'postgres'
      ? 'SELECT MIN(id) AS id FROM deliveries WHERE campaign_id = $1'
      : 'SELECT MIN(id) AS id FROM deliveries WHERE campaign_id = ?',
    [campaignId],
  );
  const delivery = (i) => Number(firstDelivery) + i;
  const events = [];
  const event = (type, i, at, machine, data = '{}') =>
    events.push([type, campaignId, delivery(i), sub(i), t(at), data, dbBool(ds, machine)]);
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
  await insertRows(
    ds,
    'events',
    ['type', 'campaign_id', 'delivery_id', 'subscriber_id', 'occurred_at', 'data', 'machine'],
    events.length,
    (i) => events[i],
  );
  const answers = [];
  for (let i = 0; i < size; i += 7)
    answers.push([
      campaignId,
      sub(i),
      delivery(i),
      String(i % 11),
      i % 70 === 0 ? `Comment ${i}` : null,
      t(started + 2 * HOUR),
    ]);
  await insertRows(
    ds,
    'poll_answers',
    ['campaign_id', 'subscriber_id', 'delivery_id', 'value', 'comment', 'answered_at'],
    answers.length,
    (i) => answers[i],
  );
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
  const { app, ds, stop } = await startBenchApp({ name: 'report', postgres, port: 3998 });
  try {
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
      // The recipients export has a line per recipient, the funnel the deliveries written.
      failures: [
        ...(recipientsCsv.result.lines - 1 !== size
          ? [`recipients.csv has ${recipientsCsv.result.lines - 1} rows for ${size} recipients`]
          : []),
        ...(funnel.steps[0].count !== size ? [`the funnel counts ${funnel.steps[0].count} recipients of ${size}`] : []),
      ],
      database: postgres ? 'postgresql' : 'sqlite',
      recipients: size,
      events,
      seedSeconds,
      reportMs: Math.round(report.ms),
      reportCsvMs: Math.round(reportCsv.ms),
      recipientsCsvMs: Math.round(recipientsCsv.ms),
      recipientsCsvRowsPerSecond: Math.round((recipientsCsv.result.lines - 1) / (recipientsCsv.ms / 1000)),
      recipientsCsvMb: Math.round((recipientsCsv.result.bytes / 1024 / 1024) * 10) / 10,
      rssBeforeMb: Math.round(rssBefore / 1024 / 1024),
      peakRssMb: Math.round(peak / 1024 / 1024),
      check: {
        delivered: funnel.steps[2].count,
        openedHuman: funnel.opened.human.count,
        machineOnly: funnel.opened.machineOnly.count,
        acted: funnel.acted.count,
        timelinePoints: report.result.timeline.points.length,
        csvRows: recipientsCsv.result.lines - 1,
      },
    };
  } finally {
    await stop();
  }
};
