import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dbBool, jsonNumber, sql } from '../../common/db/sql-dialect';
import type { Translator } from '../../i18n/translator';
import { actionOfCampaign, bySubscriber, fillPage, forPage, num } from '../common/kind-queries';
import type {
  CampaignKindDefinition,
  KindAction,
  KindCampaign,
  KindHeadline,
  KindOutcomeColumns,
} from '../kind-definition';
import { CampaignKindPlugin } from '../kind-registry';
import { KnowledgeInsightsService } from './knowledge-insights.service';
import { itemsByLinkIndex, linkIndexOf } from './knowledge-links';
import { KNOWLEDGE_ITEM_TYPES, KnowledgeContent, knowledgeSample } from './knowledge.content';

const recipientColumns: KindOutcomeColumns<KnowledgeContent> = {
  header: ['items_clicked', 'topics_clicked'],
  async load(ds, campaign, content, page) {
    const items = itemsByLinkIndex(campaign.links ?? [], content);
    const clicks = bySubscriber(
      await forPage<{ subscriber_id: unknown; link: unknown }>(
        ds,
        `SELECT subscriber_id, ${jsonNumber(ds, 'data', 'index')} AS link FROM events WHERE campaign_id = ? AND type IN ('click', 'knowledge_click') AND machine = ?
       AND subscriber_id IN (#) GROUP BY subscriber_id, ${jsonNumber(ds, 'data', 'index')}`,
        [campaign.id, dbBool(ds, false)],
        page,
      ),
    );
    return fillPage(page, (r) => {
      const hit = (clicks.get(r.subscriberId) ?? [])
        .map((c) => items.get(Number(c.link)))
        .filter((h) => h !== undefined);
      const titles = [...new Set(hit.map((h) => h.item.title))];
      const topics = [...new Set(hit.map((h) => h.item.topic))];
      return [titles.join('; '), topics.join('; ')];
    });
  },
};

@CampaignKindPlugin()
@Injectable()
export class KnowledgeKind implements CampaignKindDefinition<KnowledgeContent> {
  readonly name = 'knowledge';
  readonly content = { type: KnowledgeContent, sample: knowledgeSample };
  readonly valueWeights = { functional: 1 };
  readonly recipientColumns = recipientColumns;

  constructor(
    private readonly insights: KnowledgeInsightsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  view(_content: KnowledgeContent, t: Translator): Record<string, unknown> {
    return {
      knowledge: {
        typeLabels: Object.fromEntries(KNOWLEDGE_ITEM_TYPES.map((type) => [type, t.t(`mail.knowledge.type.${type}`)])),
        actionLabels: Object.fromEntries(
          KNOWLEDGE_ITEM_TYPES.map((type) => [type, t.t(`mail.knowledge.action.${type}`)]),
        ),
      },
    };
  }

  // The same mapping as the knowledge report: link index → content item → topic.
  interestOf(content: KnowledgeContent, links: string[]) {
    const items = itemsByLinkIndex(links, { ...content, items: content.items ?? [] });
    return (data: Record<string, unknown>) => {
      const index = linkIndexOf(data, links);
      const hit = index === undefined ? undefined : items.get(index);
      return hit ? { topic: hit.item.topic, title: hit.item.title } : undefined;
    };
  }

  action({ campaign, content }: KindCampaign<KnowledgeContent>, ds: DataSource): KindAction {
    // Only clicks on the items' own links; a shop or logo link in the same mail is not learning.
    const itemLinks = [...itemsByLinkIndex(campaign.links ?? [], content).keys()];
    const base = actionOfCampaign(campaign.id, 'clicked a knowledge item', ['click', 'knowledge_click']);
    if (itemLinks.length === 0) return { ...base, where: '1 = 0', params: [] };
    return {
      ...base,
      where: `${base.where} AND ${jsonNumber(ds, 'e.data', 'index')} IN (${itemLinks.map(() => '?').join(', ')})`,
      params: [...base.params, ...itemLinks],
    };
  }

  reportBlock({ campaign }: KindCampaign<KnowledgeContent>) {
    return this.insights.report(campaign.id);
  }

  /** The topic whose items people clicked most (human clicks on the items' own links). */
  async headlines(targets: Array<KindCampaign<KnowledgeContent>>): Promise<Map<number, KindHeadline>> {
    const result = new Map<number, KindHeadline>();
    if (targets.length === 0) return result;
    const ds = this.dataSource;
    const ids = targets.map((t) => t.campaign.id);
    const index = jsonNumber(ds, 'e.data', 'index');
    const rows: Array<{ campaign_id: unknown; link: unknown; n: unknown }> = await ds.query(
      sql(
        ds,
        `SELECT e.campaign_id, ${index} AS link, COUNT(*) AS n FROM events e
       WHERE e.campaign_id IN (${ids.map(() => '?').join(', ')}) AND e.type IN ('click', 'knowledge_click') AND e.machine = ?
       GROUP BY e.campaign_id, ${index}`,
      ),
      [...ids, dbBool(ds, false)],
    );
    for (const { campaign: c, content } of targets) {
      const items = itemsByLinkIndex(c.links ?? [], content);
      const topics = new Map<string, number>();
      for (const r of rows) {
        const hit = Number(r.campaign_id) === c.id && r.link !== null ? items.get(Number(r.link)) : undefined;
        if (hit) topics.set(hit.item.topic, (topics.get(hit.item.topic) ?? 0) + num(r.n));
      }
      const [top] = [...topics].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      result.set(c.id, {
        kind: this.name,
        label: 'Top topic',
        value: top?.[0] ?? null,
        topTopic: top?.[0] ?? null,
        topTopicClicks: top?.[1] ?? 0,
      });
    }
    return result;
  }
}
