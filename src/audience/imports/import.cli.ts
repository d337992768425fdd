import { parseArgs } from 'node:util';
import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';

export const IMPORT_USAGE = `  import FILE --list ID [--mode add|update|upsert] [--map email=E-mail,name=Naam,city=Stad]
                          [--encoding utf-8|utf-16le|utf-16be|windows-1252|iso-8859-15]
                          upload a CSV to the running engine and follow its progress
                          (--url or PUBLIC_URL; --key or VALUEMAIL_API_KEY)`;

export interface ImportCliOptions {
  env: Record<string, string | undefined>;
  defaultUrl: string;
  stderr: { write(text: string): unknown; isTTY?: boolean };
  stdout: { write(text: string): unknown };
  pollMs?: number;
}

interface Progress {
  id: number;
  status: string;
  encoding: string | null;
  delimiter: string | null;
  rowsRead: number;
  imported: number;
  updated: number;
  skipped: number;
  failed: number;
  percent: number;
  rate: number;
  etaSeconds: number | null;
  error: string | null;
}

const FIELDS = new Set(['email', 'name', 'externalId', 'locale']);

const OPTIONS = {
  list: { type: 'string' },
  mode: { type: 'string' },
  map: { type: 'string' },
  mapping: { type: 'string' },
  encoding: { type: 'string' },
  url: { type: 'string' },
  key: { type: 'string' },
} as const;

/** `--map email=E-mail,name=Naam,city=Stad`: known fields by name, anything else an attribute. */
export function mappingFromFlag(map: string): string {
  const mapping: { attributes: Record<string, string>; [field: string]: unknown } = { attributes: {} };
  for (const pair of map
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new Error(`--map: expected field=Column, got "${pair}"`);
    const field = pair
      .slice(0, eq)
      .trim()
      .replace(/^attributes\./, '');
    const column = pair.slice(eq + 1).trim();
    if (FIELDS.has(field) && !pair.startsWith('attributes.')) mapping[field] = column;
    else mapping.attributes[field] = column;
  }
  return JSON.stringify(mapping);
}

function bar(p: Progress): string {
  const width = 30;
  const filled = Math.round((p.percent / 100) * width);
  const eta = p.etaSeconds === null ? '' : `  ETA ${p.etaSeconds}s`;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.percent.toFixed(1).padStart(5)}%  rows ${p.rowsRead}  new ${p.imported}  updated ${p.updated}  skipped ${p.skipped}  failed ${p.failed}  ${p.rate} rows/s${eta}`;
}

/** The `import` CLI command: a client of the engine's API, so it works against any running api process. */
export async function runImportCli(argv: string[], options: ImportCliOptions): Promise<number> {
  const { stderr, stdout } = options;
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    stderr.write(`${(error as Error).message}\n${IMPORT_USAGE}\n`);
    return 2;
  }
  const { values: flags, positionals } = parsed;
  const file = positionals[0];
  const key = flags.key || options.env.VALUEMAIL_API_KEY;
  if (!file) {
    stderr.write(`import needs a file\n${IMPORT_USAGE}\n`);
    return 2;
  }
  if (!key) {
    stderr.write(
      'import needs an API key: set VALUEMAIL_API_KEY or pass --key (create one with: npm run cli -- keys:create importer)\n',
    );
    return 2;
  }
  const base = (flags.url || options.env.PUBLIC_URL || options.defaultUrl).replace(/\/+$/, '');
  const form = new FormData();
  if (flags.list) form.append('listId', flags.list);
  if (flags.mode) form.append('mode', flags.mode);
  if (flags.encoding) form.append('encoding', flags.encoding);
  if (flags.map) form.append('mapping', mappingFromFlag(flags.map));
  else if (flags.mapping) form.append('mapping', flags.mapping);
  // openAsBlob streams from disk, so a 1M-row file is not read into memory.
  form.append('file', await openAsBlob(file, { type: 'text/csv' }), basename(file));
  const headers = { authorization: `Bearer ${key}` };
  const created = await fetch(`${base}/api/imports`, { method: 'POST', headers, body: form });
  const body = (await created.json()) as Progress & { message?: string };
  if (!created.ok) {
    stderr.write(`import refused (${created.status}): ${body.message ?? 'unknown error'}\n`);
    return 1;
  }
  let progress: Progress = body;
  for (;;) {
    stderr.write(stderr.isTTY ? `\r${bar(progress)}` : `${bar(progress)}\n`);
    if (progress.status === 'finished' || progress.status === 'failed') break;
    await new Promise((r) => setTimeout(r, options.pollMs ?? 500));
    const res = await fetch(`${base}/api/imports/${progress.id}`, { headers });
    if (!res.ok) {
      stderr.write(`\ncould not read progress (${res.status})\n`);
      return 1;
    }
    progress = (await res.json()) as Progress;
  }
  if (stderr.isTTY) stderr.write('\n');
  if (progress.status === 'failed') {
    stderr.write(`import ${progress.id} failed: ${progress.error}\n`);
    return 1;
  }
  stdout.write(
    `import ${progress.id} (${progress.encoding}, ${progress.delimiter === '\t' ? 'tab' : `"${progress.delimiter}"`}-separated): ${progress.imported} new, ${progress.updated} updated, ${progress.skipped} skipped, ${progress.failed} failed` +
      (progress.failed ? ` (bad rows: ${base}/api/imports/${progress.id}/errors.csv)` : '') +
      '\n',
  );
  return 0;
}
