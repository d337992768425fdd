// npm run bench [-- name ...]: runs the named benchmarks (all when none), prints
// their figures and writes them to bench/results/<name>.json.
const { mkdirSync, writeFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const available = readdirSync(__dirname).filter((f) => f.endsWith('.bench.js')).map((f) => f.replace('.bench.js', ''));
const requested = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const names = requested.length ? requested : available;

(async () => {
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  for (const name of names) {
    if (!available.includes(name)) {
      console.error(`unknown benchmark "${name}"; available: ${available.join(', ') || 'none yet'}`);
      process.exitCode = 2;
      continue;
    }
    console.log(`\n=== bench ${name}`);
    const figures = await require(`./${name}.bench.js`).run({ flags });
    const record = { name, at: new Date().toISOString(), node: process.version, cpus: require('node:os').cpus().length, figures };
    writeFileSync(join(__dirname, 'results', `${name}.json`), JSON.stringify(record, null, 2));
    console.log(JSON.stringify(figures, null, 2));
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
