import { DataSource, EntityManager } from 'typeorm';
import type { CampaignKind } from '../../campaigns/campaign-kind';
import { sql } from '../../common/db/sql-dialect';
import { itemsByLinkIndex, linkIndexOf } from '../../kinds/knowledge/knowledge-links';
import type { KnowledgeContent } from '../../kinds/knowledge/knowledge.content';
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

function factsOf(row: { kind: string; links: unknown; content: unknown }): CampaignFacts {
  const kind = row.kind as CampaignKind;
  if (kind !== 'knowledge') return { kind, itemOf: () => undefined };
  const links = parse<string[]>(row.links, []);
  const content = parse<KnowledgeContent>(row.content, { intro: '', items: [] });
  // The same mapping as the knowledge report: link index → content item → topic.
  const items = itemsByLinkIndex(links, { ...content, items: content.items ?? [] });
  return {
    kind,
    itemOf: (data) => {
      const index = linkIndexOf(data, links);
      const hit = index === undefined ? undefined : items.get(index);
      return hit ? { topic: hit.item.topic, title: hit.item.title } : undefined;
    },
  };
}

/**
 * Kind and knowledge topics per campaign, cached: a campaign's kind, content
 * and links are fixed once it has been sent, which is before any of its events.
 */
export class CampaignFactsCache {
  private readonly facts = new Map<number, CampaignFacts | null>();

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
        sql(ds, `SELECT id, kind, links, content FROM campaigns WHERE id IN (${slice.map(() => '?').join(',')})`), slice);
      for (const id of slice) this.facts.set(id, null);
      for (const row of rows) this.facts.set(Number(row.id), factsOf(row));
    }
  }

  /** Loads every campaign (the full recompute: campaigns are few next to events). */
  async loadAll(db: DataSource | EntityManager): Promise<void> {
    const ds = db instanceof DataSource ? db : db.connection;
    for (let after = 0; ;) {
      const rows: Array<{ id: unknown; kind: string; links: unknown; content: unknown }> = await db.query(
        sql(ds, 'SELECT id, kind, links, content FROM campaigns WHERE id > ? ORDER BY id LIMIT 1000'), [after]);
      for (const row of rows) this.facts.set(Number(row.id), factsOf(row));
      if (rows.length < 1000) return;
      after = Number(rows[rows.length - 1].id);
    }
  }
}
