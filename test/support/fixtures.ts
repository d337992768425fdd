import { DataSource } from 'typeorm';
import { ListMembership } from '../../src/audience/list-membership.entity';
import { MailingList } from '../../src/audience/mailing-list.entity';
import { Subscriber } from '../../src/audience/subscriber.entity';
import type { TestApp } from './test-app';

export interface AudienceFixture {
  listId: number;
  subscriberIds: number[];
  emails: string[];
}

/** A list of confirmed, active subscribers written straight to the database (setup, not the subject). */
export async function createAudience(
  t: TestApp,
  count: number,
  options: { prefix?: string; listName?: string } = {},
): Promise<AudienceFixture> {
  const ds = t.app.get(DataSource);
  const prefix = options.prefix ?? `p${Math.random().toString(36).slice(2, 7)}`;
  const list = await ds.getRepository(MailingList).save({ name: options.listName ?? `List ${prefix}` });
  const emails = Array.from({ length: count }, (_, i) => `${prefix}-${i}@example.com`);
  const subscriberIds: number[] = [];
  for (let start = 0; start < emails.length; start += 500) {
    const saved = await ds.getRepository(Subscriber).save(
      emails.slice(start, start + 500).map((email, i) => ({ email, name: `Klant ${start + i}` })),
      { chunk: 100 },
    );
    subscriberIds.push(...saved.map((s) => s.id));
  }
  await addToList(t, list.id, subscriberIds);
  return { listId: list.id, subscriberIds, emails };
}

export async function addToList(t: TestApp, listId: number, subscriberIds: number[]): Promise<void> {
  const repo = t.app.get(DataSource).getRepository(ListMembership);
  for (let start = 0; start < subscriberIds.length; start += 500) {
    await repo.insert(
      subscriberIds
        .slice(start, start + 500)
        .map((subscriberId) => ({ listId, subscriberId, status: 'confirmed' as const })),
    );
  }
}

export async function waitUntil<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
    value = await probe();
  }
  return value;
}

export function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
