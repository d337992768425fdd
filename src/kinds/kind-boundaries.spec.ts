import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { BUILT_IN_KINDS } from './kind-content.registry';

// A kind is a plug-in: its name appears in its own folder (src/kinds/<kind>/) and nowhere
// else in src/ (the registries list kinds by their modules and types, not by name literals).
// Shared code asks the KindRegistry instead.

const SRC = join(__dirname, '..');

/** Places where a kind's name is allowed outside its folder, each with why. */
const ALLOWED: Array<{ path: RegExp; why: string }> = [
  // Unit tests pick built-in kinds to exercise shared code with (render every template, fold a poll answer).
  { path: /\.spec\.ts$/, why: 'tests' },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') || path.endsWith('.tsx') ? [path] : [];
  });
}

const files = sourceFiles(SRC).map((path) => ({
  rel: relative(SRC, path).split(sep).join('/'),
  text: readFileSync(path, 'utf8'),
}));

describe('campaign kinds as plug-ins', () => {
  it.each(BUILT_IN_KINDS)('names the %s kind only in its folder and the registries', (kind) => {
    const literal = new RegExp(`(['"\`])${kind}\\1`);
    const offenders = files
      .filter(({ rel }) => !rel.startsWith(`kinds/${kind}/`) && !ALLOWED.some((a) => a.path.test(rel)))
      .flatMap(({ rel, text }) =>
        text.split('\n').flatMap((line, i) => (literal.test(line) ? [`src/${rel}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(offenders).toEqual([]);
  });

  it('reads campaign content through kindContent, never a cast', () => {
    const casts = files
      .filter(({ rel }) => !rel.endsWith('.spec.ts'))
      .flatMap(({ rel, text }) =>
        text
          .split('\n')
          .flatMap((line, i) =>
            /\bcontent as unknown as\b/.test(line) ? [`src/${rel}:${i + 1}: ${line.trim()}`] : [],
          ),
      );
    expect(casts).toEqual([]);
  });
});
