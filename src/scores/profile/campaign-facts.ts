import { DataSource, EntityManager } from 'typeorm';
import { sql } from '../../common/db/sql-dialect';
import type { KindRegistry } from '../../kinds/kind-registry';
import type { CampaignFacts } from './profile-fold';

const parse = <T>(value: unknown, fallback: T): T => {
  if (value === null || value === undefined) return fallback;
  if (typeof value !== 'string') return value as T;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
};

const NO_INTEREST = (): undefined => undefined;

/**
 * Kind weights and click interests per campaign, cached: a campaign's kind, content
 * and links are fixed once it has been sent, which is before any of its events.
 */
export class CampaignFactsCache {
  private readonly facts = new Map<number, CampaignFacts | null>();

  constructor(private readonly kinds: Pick<KindRegistry, 'has' | 'get'>) {}

  get(id: number | null): CampaignFacts | undefined {
    return id === null ? undefined : (this.facts.get(id) ?? undefined);
  }

  /** Loads the campaigns not seen yet. */
  async ensure(db: DataSource | EntityManager, ids: Iterable<number | null>): Promise<void> {
    const ds = db instanceof DataSource ? db : db.connection;
    const missing = [...new Set([...ids].filter((id): id is number => id !== null && !this.facts.has(id)))];
    for (let i = 0; i < missing.length; i += 500) {
      const slice = missing.slice(i, i + 500);
      const rows: Array<{ id: unknown; kind: string; links: unknown; content: unknown }> = await db.query(
        sql(ds, `SELECT id, kind, links, content FROM campaigns WHERE id IN (${slice.map(() => '?').join(',')})`),
        slice,
      );
      for (const id of slice) this.facts.set(id, null);
      for (const row of rows) this.facts.set(Number(row.id), this.factsOf(row));
    }
  }

  /** Loads every campaign (the full recompute: campaigns are few next to events). */
  async loadAll(db: DataSource | EntityManager): Promise<void> {
    const ds = db instanceof DataSource ? db : db.connection;
    for (let after = 0; ;) {
      const rows: Array<{ id: unknown; kind: string; links: unknown; content: unknown }> = await db.query(
        sql(ds, 'SELECT id, kind, links, content FROM campaigns WHERE id > ? ORDER BY id LIMIT 1000'),
        [after],
      );
      for (const row of rows) this.facts.set(Number(row.id), this.factsOf(row));
      if (rows.length < 1000) return;
      after = Number(rows[rows.length - 1].id);
    }
  }

  private factsOf(row: { kind: string; links: unknown; content: unknown }): CampaignFacts {
    // A kind no longer installed still counts as engagement, with no dimension.
    if (!this.kinds.has(row.kind)) return { kind: row.kind, weights: {}, itemOf: NO_INTEREST };
    const kind = this.kinds.get(row.kind);
    const itemOf = kind.interestOf?.(parse<object>(row.content, {}), parse<string[]>(row.links, []));
    return { kind: row.kind, weights: kind.valueWeights, itemOf: itemOf ?? NO_INTEREST };
  }
}
