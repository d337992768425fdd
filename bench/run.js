// npm run bench [-- name ...] [--smoke]: runs the named benchmarks (all when none), prints
// their figures and writes them to bench/results/<name>.json. A benchmark whose
// `failures` (wrong results: lost, duplicated, miscounted) is not empty, or that
// throws, makes the run exit non-zero. --smoke runs each at a tiny size (CI), so none rots.
const { mkdirSync, writeFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const available = readdirSync(__dirname)
  .filter((f) => f.endsWith('.bench.js'))
  .map((f) => f.replace('.bench.js', ''));
const requested = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const names = requested.length ? requested : available;
const smoke = flags.includes('--smoke');

// Sizes for --smoke: large enough to exercise every path, small enough for all to run in about two minutes.
const SMOKE_FLAGS = {
  'audience-table': ['--size=3000'],
  dashboard: ['--subscribers=3000', '--campaigns=3', '--recipients=1000'],
  import: ['--rows=3000'],
  render: ['--count=2000'],
  report: ['--size=2000'],
  scores: ['--subscribers=1000', '--events=20000'],
  send: ['--size=1000'],
  track: ['--seconds=2', '--connections=10'],
  webhooks: ['--events=500'],
};

(async () => {
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  for (const name of names) {
    if (!available.includes(name)) {
      console.error(`unknown benchmark "${name}"; available: ${available.join(', ') || 'none yet'}`);
      process.exitCode = 2;
      continue;
    }
    console.log(`\n=== bench ${name}${smoke ? ' (smoke size)' : ''}`);
    let figures;
    try {
      figures = await require(`./${name}.bench.js`).run({
        flags: smoke ? [...flags, ...(SMOKE_FLAGS[name] ?? [])] : flags,
      });
    } catch (error) {
      console.error(`bench ${name} failed: ${error.stack ?? error}`);
      process.exitCode = 1;
      continue;
    }
    const record = {
      name,
      at: new Date().toISOString(),
      node: process.version,
      cpus: require('node:os').cpus().length,
      figures,
    };
    writeFileSync(join(__dirname, 'results', `${name}.json`), JSON.stringify(record, null, 2));
    console.log(JSON.stringify(figures, null, 2));
    if (figures.failures?.length) {
      console.error(`bench ${name}: WRONG RESULTS\n  ${figures.failures.join('\n  ')}`);
      process.exitCode = 1;
    }
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
