import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { clip, FuzzRequest } from './openapi-inputs';

export interface FuzzFailure {
  route: string;
  kind: '5xx' | 'stack trace' | 'no answer' | 'changed rows';
  status: number;
  request: string;
  body: string;
}

export interface FuzzTally {
  routes: number;
  inputs: number;
  refused: number;
  accepted: number;
  refusedCheckedForRows: number;
  digestMs: number;
  msByRoute: Map<string, number>;
  failures: FuzzFailure[];
}

export const newTally = (): FuzzTally => ({
  routes: 0,
  inputs: 0,
  refused: 0,
  accepted: 0,
  refusedCheckedForRows: 0,
  digestMs: 0,
  msByRoute: new Map(),
  failures: [],
});

// What must never reach a client: stack frames, source paths, driver errors.
const LEAKS = [
  /\n\s+at \S/,
  /\(\/[^)]*:\d+:\d+\)/,
  /node_modules/,
  /\.[jt]s:\d+:\d+/,
  /QueryFailedError|SQLITE_[A-Z]|EntityNotFound|TypeORMError/,
  /\b(TypeError|RangeError|ReferenceError)\b/,
  /syntax error at or near/,
];

export function leakIn(body: string, cwd = process.cwd()): string | undefined {
  if (body.includes(cwd)) return 'an internal path';
  return LEAKS.find((re) => re.test(body))?.source;
}

/**
 * Row digests of every table: a refused request (4xx) must leave them as they
 * were. Taken around batches of requests; a batch with an accepted request is
 * not compared (its changes are the point of it).
 */
// Bookkeeping any authenticated request may write (at most once a minute), not a change the request made.
const BOOKKEEPING_COLUMNS: Record<string, string[]> = { api_keys: ['last_used_at'] };

export class TableDigest {
  constructor(
    private readonly ds: DataSource,
    private readonly ignore: string[] = [],
  ) {}

  async take(): Promise<Map<string, string>> {
    const sqlite = this.ds.options.type === 'better-sqlite3';
    const tables: Array<{ name: string }> = await this.ds.query(
      sqlite
        ? `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
        : `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`,
    );
    const digest = new Map<string, string>();
    for (const { name } of tables) {
      if (this.ignore.includes(name)) continue;
      const rows: unknown[] = await this.ds.query(`SELECT * FROM "${name}"`);
      const skip = BOOKKEEPING_COLUMNS[name] ?? [];
      const lines = rows
        .map((r) =>
          JSON.stringify(
            skip.length
              ? Object.fromEntries(Object.entries(r as object).filter(([column]) => !skip.includes(column)))
              : r,
          ),
        )
        .sort();
      digest.set(name, `${rows.length}:${createHash('sha1').update(lines.join('\n')).digest('hex')}`);
    }
    return digest;
  }
}

function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((t) => before.get(t) !== after.get(t));
}

export interface RunOptions {
  app: NestFastifyApplication;
  digest: TableDigest;
  route: string;
  requests: FuzzRequest[];
  tally: FuzzTally;
  batch?: number;
  /** Sends a request some other way than Fastify's inject (e.g. the raw pixel listener). */
  send?: (request: FuzzRequest) => Promise<{ statusCode: number; body: string }>;
  /** A deliberate 5xx page that is not a failure here (the web app's "not built" page in a worktree without web/dist). */
  deliberate?: RegExp;
}

const TIMEOUT_MS = 10_000;

/** Sends every request in process, checks each answer, and the tables around each batch of refused ones. */
export async function runRequests({
  app,
  digest,
  route,
  requests,
  tally,
  batch = 200,
  send,
  deliberate,
}: RunOptions): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const inject =
    send ??
    (async (r: FuzzRequest) => {
      const res = await fastify.inject({
        method: r.method as 'GET',
        url: r.url,
        headers: r.headers,
        payload: r.payload,
      });
      return { statusCode: res.statusCode, body: res.body };
    });
  tally.routes++;
  const routeStarted = Date.now();
  const timedDigest = async () => {
    const started = Date.now();
    const taken = await digest.take();
    tally.digestMs += Date.now() - started;
    return taken;
  };
  let before = await timedDigest();
  for (let start = 0; start < requests.length; start += batch) {
    const slice = requests.slice(start, start + batch);
    let allRefused = true;
    for (const r of slice) {
      tally.inputs++;
      const shown = `${r.method} ${clip(r.url, 160)} [${r.mutations.join('; ')}]`;
      let timer: NodeJS.Timeout | undefined;
      const answer = await Promise.race([
        inject(r),
        new Promise<undefined>((resolve) => {
          timer = setTimeout(() => resolve(undefined), TIMEOUT_MS);
        }),
      ]).catch((e: Error) => ({ statusCode: 599, body: `client error: ${e.message}` }));
      clearTimeout(timer);
      if (!answer) {
        tally.failures.push({ route, kind: 'no answer', status: 0, request: shown, body: '' });
        allRefused = false;
        continue;
      }
      if (answer.statusCode >= 400 && answer.statusCode < 500) tally.refused++;
      else {
        tally.accepted++;
        allRefused = false;
      }
      if (answer.statusCode >= 500 && !deliberate?.test(answer.body))
        tally.failures.push({
          route,
          kind: '5xx',
          status: answer.statusCode,
          request: shown,
          body: clip(answer.body, 300),
        });
      const leak = leakIn(answer.body);
      if (leak)
        tally.failures.push({
          route,
          kind: 'stack trace',
          status: answer.statusCode,
          request: shown,
          body: `${leak}: ${clip(answer.body, 300)}`,
        });
    }
    const after = await timedDigest();
    if (allRefused) {
      tally.refusedCheckedForRows += slice.length;
      const changed = changedTables(before, after);
      if (changed.length)
        tally.failures.push({
          route,
          kind: 'changed rows',
          status: 400,
          request: `${slice.length} refused requests, e.g. ${slice[0].method} ${clip(slice[0].url)}`,
          body: `changed: ${changed.join(', ')}`,
        });
    }
    before = after;
  }
  tally.msByRoute.set(route, Date.now() - routeStarted);
}

/** The routes that took longest, for keeping the run within its time budget. */
export function slowest(tally: FuzzTally, n = 8): string {
  return [...tally.msByRoute]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([route, ms]) => `${route} ${(ms / 1000).toFixed(1)} s`)
    .join(', ');
}

/** One line per kind of failure and route, with one example each. */
export function failureClasses(failures: FuzzFailure[]): string[] {
  const classes = new Map<string, { n: number; example: FuzzFailure }>();
  for (const f of failures) {
    const key = `${f.kind} ${f.status} ${f.route} ${f.body.slice(0, 60)}`;
    const seen = classes.get(key);
    if (seen) seen.n++;
    else classes.set(key, { n: 1, example: f });
  }
  return [...classes.values()].map(
    ({ n, example: f }) => `${n} × ${f.kind} ${f.status} on ${f.route}: ${f.request}\n    → ${f.body}`,
  );
}

export function summary(name: string, tally: FuzzTally, ms: number): string {
  return (
    `${name}: ${tally.routes} routes, ${tally.inputs} malformed inputs (${tally.refused} refused, ${tally.accepted} accepted), ` +
    `${tally.refusedCheckedForRows} refused inputs checked for changed rows, ${tally.failures.length} failures, ${(ms / 1000).toFixed(1)} s (${(tally.digestMs / 1000).toFixed(1)} s of it reading tables)`
  );
}
