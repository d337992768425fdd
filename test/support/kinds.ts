import { DataSource } from 'typeorm';
import request from 'supertest';
import { ActSettler } from '../../src/acts/act-settler';
import { Clock } from '../../src/common/clock';
import { sql } from '../../src/common/db/sql-dialect';
import { waitUntil } from './fixtures';
import type { TestApp } from './test-app';

/** Creates a campaign of a kind (plus any other campaign fields, e.g. locale), sends it and waits until it is finished. */
export async function sendKindCampaign(
  t: TestApp,
  kind: string,
  content: unknown,
  listId: number,
  fields: Record<string, unknown> = {},
): Promise<number> {
  const created = await t
    .api()
    .post('/api/campaigns')
    .send({
      kind,
      name: `${kind} test`,
      subject: `A ${kind} for {{subscriber.name}}`,
      fromName: 'Shop',
      fromEmail: 'news@shop.example',
      audience: { listIds: [listId] },
      content,
      ...fields,
    });
  if (created.status !== 201)
    throw new Error(`creating the campaign failed: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as number;
  await t.api().post(`/api/campaigns/${id}/send`).expect(200);
  await waitUntil(
    () =>
      t
        .api()
        .get(`/api/campaigns/${id}/progress`)
        .then((r) => r.body),
    (p) => p.status === 'finished',
    30_000,
    `campaign ${id} to finish`,
  );
  return id;
}

/** The HTML a recipient received. */
export function htmlFor(t: TestApp, email: string): string {
  const mails = t.sink.to(email);
  if (mails.length !== 1) throw new Error(`expected one mail to ${email}, got ${mails.length}`);
  return String(mails[0].parsed.html);
}

/** Every link in a mail whose path starts with /{prefix}/, as a path relative to the app. */
export function linksIn(t: TestApp, html: string, prefix: string): string[] {
  const base = t.baseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`${base}(/${prefix}/[A-Za-z0-9_%./-]+)`, 'g');
  return [...new Set([...html.matchAll(re)].map((m) => m[1]))];
}

/** The action of the first form of a page. */
export function formAction(html: string): string {
  const m = /<form method="post" action="([^"]+)"/.exec(html);
  if (!m) throw new Error(`no form in page: ${html.slice(0, 300)}`);
  return m[1].replace(/&amp;/g, '&');
}

export function postForm(t: TestApp, path: string, fields: Record<string, string> = {}): request.Test {
  return request(t.baseUrl).post(path).type('form').send(fields);
}

export async function count(t: TestApp, table: string, where = '1=1', params: unknown[] = []): Promise<number> {
  const ds = t.app.get(DataSource);
  const [row] = await ds.query(sql(ds, `SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`), params);
  return Number(row.n);
}

export async function rows<T = Record<string, unknown>>(
  t: TestApp,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const ds = t.app.get(DataSource);
  return ds.query(sql(ds, text), params);
}

/** A valid-looking token with a broken signature. */
export function forge(token: string): string {
  // Not the last character: its low bits may be padding that decodes the same.
  const i = token.length - 3;
  return token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
}

export function tokenOf(path: string): string {
  return path.split('/')[2];
}

/** The app's Clock held still at a chosen time (10 minutes after now, clear of the "too soon after sending" rule) and moved by hand. */
export interface HeldClock {
  now(): number;
  advance(ms: number): void;
  release(): void;
}

export function holdClock(t: TestApp, startMs = Date.now() + 10 * 60_000): HeldClock {
  const clock = t.app.get(Clock);
  const original = clock.now;
  let now = startMs;
  clock.now = () => new Date(now);
  return { now: () => now, advance: (ms) => (now += ms), release: () => (clock.now = original) };
}

/**
 * Lets the pending one-click acts count or be flagged: waits until the tracking
 * drain has written each act's own page hit, moves the held clock past the
 * settle time and settles them.
 */
export async function settleActs(t: TestApp, clock: HeldClock): Promise<void> {
  await waitUntil(
    () =>
      count(
        t,
        'pending_acts',
        "status = 'pending' AND payload NOT LIKE '%\"byForm\":true%' AND NOT EXISTS (SELECT 1 FROM events e WHERE e.delivery_id = pending_acts.delivery_id AND e.type = 'page_view' AND e.occurred_at >= pending_acts.occurred_at AND e.data LIKE '%\"link\":\"' || pending_acts.link || '\"%')",
      ),
    (n) => n === 0,
    15_000,
    'the page hits of the pending acts to reach the event log',
  );
  clock.advance(t.config.tracking.actSettleMs + 1000);
  await t.app.get(ActSettler).settleDue();
}

/**
 * Follows one-click links (poll answer, trial, bonus, service offer) as a
 * person does, a minute apart by the app's clock (held from 5 s ahead, past
 * the "too soon after sending" rule), and lets the acts count.
 */
export async function actAsPerson(
  t: TestApp,
  links: string[],
  headers: Record<string, string> = {},
): Promise<request.Response[]> {
  const clock = holdClock(t, Date.now() + 5_000);
  try {
    const pages: request.Response[] = [];
    for (const link of links) {
      pages.push(await t.http().get(link).set(headers).expect(200));
      clock.advance(60_000);
    }
    await settleActs(t, clock);
    return pages;
  } finally {
    clock.release();
  }
}
