// npm run bench -- render: compile one poll campaign, render 100,000 recipients,
// and compare with raw Handlebars on the same compiled HTML in the same run.
const Handlebars = require('handlebars');
const { loadConfig } = require('../dist/config/app-config');
const { LinkTokenService } = require('../dist/links/link-token.service');
const { renderOnlyKindRegistry, sampleContent } = require('../dist/kinds/kind-content.registry');
const { MjmlCompiler } = require('../dist/templates/mjml-compiler');
const { RenderService } = require('../dist/templates/render.service');
const { TemplateFiles } = require('../dist/templates/template-files');

function recipient(i) {
  return {
    deliveryId: 1_000_000 + i,
    subscriber: {
      id: 500_000 + i,
      email: `subscriber${i}@example.com`,
      name: `Subscriber ${i}`,
      attributes: { city: 'Utrecht' },
    },
    kindData: {},
  };
}

async function run({ flags = [] } = {}) {
  const count = Number((flags.find((f) => f.startsWith('--count=')) || '').split('=')[1]) || 100_000;
  const config = loadConfig({ PUBLIC_URL: 'https://mail.example.com', LINK_SECRETS: 'b'.repeat(48) });
  const mjml = new MjmlCompiler();
  const renderer = new RenderService(
    config,
    new TemplateFiles(),
    mjml,
    new LinkTokenService(config),
    renderOnlyKindRegistry(),
  );
  const campaign = (i) => ({
    id: 1,
    kind: 'poll',
    subject: 'One question, {{subscriber.name}}',
    preheader: 'It takes one click',
    content: { ...sampleContent('poll'), question: `${sampleContent('poll').question} #${i}` },
    customMjml: null,
    locale: 'en',
  });

  // Compiles: distinct content each time, so nothing comes from the cache.
  await renderer.compile(campaign(-1));
  const compileRuns = 20;
  let started = performance.now();
  for (let i = 0; i < compileRuns; i++) await renderer.compile(campaign(i));
  const compileMs = (performance.now() - started) / compileRuns;

  const compiled = await renderer.compile(campaign(0));
  // Raw: plain Handlebars on the same HTML; the greeting's `default` gets the simplest possible helper.
  const rawEnv = Handlebars.create();
  rawEnv.registerHelper('default', (value, fallback) =>
    value === undefined || value === null || value === '' ? fallback : value,
  );
  const raw = rawEnv.compile(compiled.htmlSource);
  const rawContext = (i) => ({ subscriber: recipient(i).subscriber, kind: {}, _token: 'AQEBAQ3a8r9Xk2mPq7LrT0AuYw' });

  // Warm both paths, then measure alternately so neither gets the quieter CPU.
  for (let i = 0; i < 2000; i++) {
    renderer.render(compiled, recipient(i));
    raw(rawContext(i));
  }
  let renderMs = 0;
  let rawMs = 0;
  let renderEncodedMs = 0;
  let rawEncodedMs = 0;
  let bytes = 0;
  const rounds = 10;
  const perRound = Math.ceil(count / rounds);
  for (let r = 0; r < rounds; r++) {
    // As specified: the strings as Handlebars returns them (V8 ropes, not yet flattened).
    started = performance.now();
    for (let i = 0; i < perRound; i++) bytes += renderer.render(compiled, recipient(i)).html.length;
    renderMs += performance.now() - started;
    started = performance.now();
    for (let i = 0; i < perRound; i++) bytes += raw(rawContext(i)).length;
    rawMs += performance.now() - started;
    // As a sender uses them: every part turned into bytes (what the SMTP encoder must do anyway).
    started = performance.now();
    for (let i = 0; i < perRound; i++) {
      const m = renderer.render(compiled, recipient(i));
      bytes += Buffer.byteLength(m.html) + Buffer.byteLength(m.text) + Buffer.byteLength(m.subject);
    }
    renderEncodedMs += performance.now() - started;
    started = performance.now();
    for (let i = 0; i < perRound; i++) bytes += Buffer.byteLength(raw(rawContext(i)));
    rawEncodedMs += performance.now() - started;
  }
  const rendered = perRound * rounds;
  const rendersPerSec = rendered / (renderMs / 1000);
  const rawPerSec = rendered / (rawMs / 1000);
  const encodedPerSec = rendered / (renderEncodedMs / 1000);
  const rawEncodedPerSec = rendered / (rawEncodedMs / 1000);
  return {
    recipients: rendered,
    mjmlCompilesDuringRenders: mjml.compiles - compileRuns - 1,
    compileMs: Number(compileMs.toFixed(2)),
    compilesPerSec: Number((1000 / compileMs).toFixed(1)),
    rendersPerSec: Math.round(rendersPerSec),
    rawHandlebarsRendersPerSec: Math.round(rawPerSec),
    ratio: Number((rendersPerSec / rawPerSec).toFixed(3)),
    rendersEncodedPerSec: Math.round(encodedPerSec),
    rawEncodedPerSec: Math.round(rawEncodedPerSec),
    ratioEncoded: Number((encodedPerSec / rawEncodedPerSec).toFixed(3)),
    renderUs: Number(((renderMs * 1000) / rendered).toFixed(2)),
    htmlBytes: compiled.htmlSource.length,
    links: compiled.links.length,
    note: 'render = 1 HMAC token + subject + HTML + text; raw = Handlebars.compile(html) on a plain context. *Encoded = each output string turned into UTF-8 bytes, as sending must',
    checksum: bytes % 1000,
  };
}

module.exports = { run };
