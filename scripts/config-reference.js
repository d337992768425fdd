// Writes docs/configuration.md from src/config/environment-variables.ts (via dist/).
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { configurationReference } = require('../dist/config/configuration-reference');

const target = join(__dirname, '..', 'docs', 'configuration.md');
writeFileSync(target, configurationReference());
process.stdout.write(`wrote ${target}\n`);
