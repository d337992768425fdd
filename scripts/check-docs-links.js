// npm run docs:check: every relative link in README.md and docs/**/*.md must point to a file in
// the repository and, with a #anchor, to a heading of that file (GitHub's slugs). Links leaving
// the repository (../ past its root) are refused. Prints "file:line: broken link …" and exits 1.
const { existsSync, readFileSync, readdirSync, statSync } = require('node:fs');
const { dirname, join, relative, resolve, sep } = require('node:path');

const root = resolve(__dirname, '..');
// Generated from the config schema by its own script; counts as present before it is.
const GENERATED = new Set(['docs/configuration.md']);

function markdownFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

/** Lines outside fenced code blocks, with their 1-based numbers. */
function proseLines(text) {
  const lines = [];
  let fence = null;
  text.split('\n').forEach((line, index) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line);
    if (marker) {
      if (fence === null) fence = marker[1][0];
      else if (marker[1][0] === fence) fence = null;
      return;
    }
    if (fence === null) lines.push({ number: index + 1, line });
  });
  return lines;
}

/** GitHub's heading anchor: lower case, inline markup dropped, punctuation except - and _ dropped, spaces → -. */
function slug(heading) {
  return heading
    .trim()
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

const anchorCache = new Map();
function anchorsOf(file) {
  if (!anchorCache.has(file)) {
    const anchors = new Set();
    const seen = new Map();
    for (const { line } of proseLines(readFileSync(file, 'utf8'))) {
      const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
      if (!heading) continue;
      const base = slug(heading[1]);
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchors.add(count ? `${base}-${count}` : base);
    }
    for (const match of readFileSync(file, 'utf8').matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) anchors.add(match[1]);
    anchorCache.set(file, anchors);
  }
  return anchorCache.get(file);
}

function check(file) {
  const problems = [];
  const where = relative(root, file);
  for (const { number, line } of proseLines(readFileSync(file, 'utf8'))) {
    // Inline code is not a link.
    const text = line.replace(/`[^`]*`/g, '');
    for (const match of text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      const target = match[1];
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, mailto: …: not a file
      const report = (why) => problems.push(`${where}:${number}: broken link ${match[0]}: ${why}`);
      const [pathPart, anchor] = target.split('#', 2);
      const path = decodeURIComponent(pathPart);
      const resolved = path ? resolve(dirname(file), path) : file;
      if (resolved !== root && !resolved.startsWith(root + sep)) {
        report('leaves the repository');
        continue;
      }
      const inRepo = relative(root, resolved).split(sep).join('/');
      if (!existsSync(resolved)) {
        if (!GENERATED.has(inRepo)) report(`no file ${inRepo}`);
        continue;
      }
      if (anchor === undefined) continue;
      if (statSync(resolved).isDirectory() || !resolved.endsWith('.md')) {
        report(`#${anchor} on a file that is not markdown`);
        continue;
      }
      if (!anchorsOf(resolved).has(anchor)) report(`no heading #${anchor} in ${inRepo}`);
    }
  }
  return problems;
}

const files = [join(root, 'README.md'), ...markdownFiles(join(root, 'docs'))];
const problems = files.flatMap(check);
if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`${problems.length} broken link${problems.length === 1 ? '' : 's'} in ${files.length} files`);
  process.exit(1);
}
console.log(`docs links: ${files.length} files, every relative link resolves`);
