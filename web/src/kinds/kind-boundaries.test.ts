import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAMPAIGN_KINDS } from '../api/types';

// A kind is a plug-in (docs/kinds.md): its name appears in its own folder (web/src/kinds/<kind>/) and nowhere else
// in web/src; shared pages ask the registry. Mirrors src/kinds/kind-boundaries.spec.ts on the server.

const SRC = join(__dirname, '..');

/** Places where a kind's name is allowed outside its folder, each with why. */
const ALLOWED: Array<{ path: RegExp; why: string }> = [
  { path: /^i18n\//, why: 'texts are keyed by kind name (kinds.<kind>.name, fields.<kind>.*)' },
  { path: /^api\//, why: 'the API types name the kinds the server sends' },
  { path: /^kinds\/[^/]+\.test\.tsx?$/, why: 'tests of the registry and shared kind code pick kinds to exercise' },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(path) ? [path] : [];
  });
}

const files = sourceFiles(SRC).map((path) => ({
  rel: relative(SRC, path).split(sep).join('/'),
  text: readFileSync(path, 'utf8'),
}));

describe('campaign kinds as plug-ins in the web app', () => {
  it('reads the web sources', () => {
    expect(files.some(({ rel }) => rel === 'kinds/registry.ts')).toBe(true);
  });

  it.each(CAMPAIGN_KINDS)('names the %s kind only in its folder', (kind) => {
    const literal = new RegExp(`(['"\`])${kind}\\1`);
    const offenders = files
      .filter(({ rel }) => !rel.startsWith(`kinds/${kind}/`) && !ALLOWED.some((a) => a.path.test(rel)))
      .flatMap(({ rel, text }) =>
        text.split('\n').flatMap((line, i) => (literal.test(line) ? [`web/src/${rel}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(offenders).toEqual([]);
  });
});
