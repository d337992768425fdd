// npm run bench -- import [--rows=1000000] [--encoding=utf-8]: generates a CSV and imports it
// into a fresh SQLite database through the import job's code (RunImport, as the
// BullMQ processor calls it), then reports throughput and peak RSS. Without --encoding the job
// detects the encoding and separator itself; with it they are given, as after an upload.
const { createWriteStream, mkdtempSync, rmSync, statSync } = require('node:fs');
const { once } = require('node:events');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
require('reflect-metadata');
const { Module } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const { TypeOrmModule } = require('@nestjs/typeorm');

const dist = join(__dirname, '..', 'dist');
const { loadConfig } = require(`${dist}/config/app-config`);
const { ConfigModule } = require(`${dist}/config/config.module`);
const { CommonModule } = require(`${dist}/common/common.module`);
const { I18nModule } = require(`${dist}/i18n/i18n.module`);
const { dataSourceOptions, migrate } = require(`${dist}/common/db/data-source-options`);
const { RunImport } = require(`${dist}/audience/imports/run-import`);
const { ImportBatchWriter } = require(`${dist}/audience/imports/import-batch.writer`);
const { ImportConfirmations } = require(`${dist}/audience/opt-in/import-confirmations`);
const { ImportRun } = require(`${dist}/audience/imports/import-run.entity`);
const { ImportError } = require(`${dist}/audience/imports/import-error.entity`);
const { Subscriber } = require(`${dist}/audience/subscriber.entity`);
const { MailingList } = require(`${dist}/audience/mailing-list.entity`);
const { ListMembership } = require(`${dist}/audience/list-membership.entity`);
const { Suppression } = require(`${dist}/audience/suppression.entity`);
const { ConsentRecord } = require(`${dist}/audience/consent/consent-record.entity`);

const CITIES = ['Utrecht', 'Amsterdam', 'Rotterdam', 'Den Haag', 'Eindhoven', 'Groningen', 'Tilburg', 'Almere'];
const PLANS = ['free', 'trial', 'pro'];

async function writeCsv(path, rows) {
  const out = createWriteStream(path);
  const write = async (text) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('\uFEFFE-mail;Naam;Stad;Abonnement\r\n');
  let chunk = '';
  for (let i = 1; i <= rows; i++) {
    // One row in 10,000 is bad, so the error path is part of the measurement.
    const email = i % 10000 === 0 ? `not-an-email-${i}` : `klant.${i}@example${i % 97}.nl`;
    chunk += `${email};"Klant ${i}";${CITIES[i % CITIES.length]};${PLANS[i % PLANS.length]}\r\n`;
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  out.end();
  await once(out, 'finish');
}

exports.run = async ({ flags }) => {
  const rowsFlag = flags.find((f) => f.startsWith('--rows='));
  const rows = rowsFlag ? Number(rowsFlag.slice('--rows='.length)) : 1_000_000;
  const encoding = flags.find((f) => f.startsWith('--encoding='))?.slice('--encoding='.length) ?? null;
  const dir = mkdtempSync(join(tmpdir(), 'vm-bench-import-'));
  try {
    const csv = join(dir, 'import.csv');
    await writeCsv(csv, rows);
    const config = loadConfig({ DATA_DIR: dir, LINK_SECRETS: 'x'.repeat(32), LOG_LEVEL: 'error' });
    await migrate(config);

    const entities = [ImportRun, ImportError, Subscriber, MailingList, ListMembership, Suppression, ConsentRecord];
    class BenchModule {}
    Module({
      imports: [
        ConfigModule.forRoot(config),
        CommonModule,
        I18nModule,
        TypeOrmModule.forRoot({ ...dataSourceOptions(config), entities }),
        TypeOrmModule.forFeature(entities),
      ],
      providers: [
        RunImport,
        ImportBatchWriter,
        // Only a double opt-in import asks for confirmation mails (BullMQ); this one has no consent basis.
        {
          provide: ImportConfirmations,
          useValue: {
            request: () => {
              throw new Error('the import bench sends no confirmation mails');
            },
          },
        },
      ],
    })(BenchModule);
    const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error'] });
    try {
      const { DataSource } = require('typeorm');
      const ds = app.get(DataSource);
      const [list] = await ds
        .getRepository(MailingList)
        .save([{ name: 'Bench', description: '', optIn: 'single', tags: [] }]);
      const run = await ds.getRepository(ImportRun).save({
        fileName: 'import.csv',
        storedPath: csv,
        listId: list.id,
        mode: 'upsert',
        status: 'queued',
        ...(encoding ? { encoding, encodingChosen: true, delimiter: ';' } : {}),
        bytesTotal: statSync(csv).size,
        mapping: { email: 'E-mail', name: 'Naam', attributes: { city: 'Stad', plan: 'Abonnement' } },
      });
      let peak = process.memoryUsage().rss;
      let atPeak = process.memoryUsage();
      const baselineRssMb = Math.round(peak / 1024 / 1024);
      const sampler = setInterval(() => {
        const m = process.memoryUsage();
        if (m.rss > peak) [peak, atPeak] = [m.rss, m];
      }, 100);
      const started = process.hrtime.bigint();
      await app.get(RunImport).execute(run.id);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      const done = await ds.getRepository(ImportRun).findOneByOrFail({ id: run.id });
      if (done.status !== 'finished') throw new Error(`import ${done.status}: ${done.error}`);
      const subscribers = await ds.getRepository(Subscriber).count();
      // One row in 10,000 is bad by construction (writeCsv): everything else must be in.
      const bad = Math.floor(rows / 10000);
      const failures = [
        ...(done.failed !== bad ? [`${done.failed} rows reported bad, ${bad} were written bad`] : []),
        ...(done.imported !== rows - bad || subscribers !== rows - bad
          ? [`imported ${done.imported} (${subscribers} subscribers) of ${rows - bad} good rows`]
          : []),
      ];
      return {
        failures,
        rows,
        encoding: done.encoding ?? 'detected',
        seconds: Math.round(seconds * 10) / 10,
        rowsPerSecond: Math.round(rows / seconds),
        peakRssMb: Math.round(peak / 1024 / 1024),
        imported: done.imported,
        failed: done.failed,
        subscribers,
        maxRssMbProcess: Math.round(process.resourceUsage().maxRSS / 1024),
        baselineRssMb,
        heapUsedMbAtPeak: Math.round(atPeak.heapUsed / 1024 / 1024),
        heapTotalMbAtPeak: Math.round(atPeak.heapTotal / 1024 / 1024),
      };
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
