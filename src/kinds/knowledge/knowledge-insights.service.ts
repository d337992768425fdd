import { ApiProperty } from '@nestjs/swagger';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Subscriber } from '../../audience/subscriber.entity';
import { Campaign } from '../../campaigns/campaign.entity';
import { Clock } from '../../common/clock';
import { NotFoundException } from '../../common/domain.exception';
import { dbBool, sql } from '../../common/db/sql-dialect';
import { KindRecipientResolver } from '../common/kind-recipient';
import { decayed, itemsByLinkIndex, linkIndexOf } from './knowledge-links';
import type { KnowledgeContent } from './knowledge.content';
import { kindContent } from '../kind-registry';

// Clicks come from the tracking module ('click' on /r/ links); 'knowledge_click' is accepted too.
const CLICK_TYPES = "('click', 'knowledge_click')";

interface ClickRow {
  campaign_id: number;
  subscriber_id: number | null;
  data: string | Record<string, unknown>;
  occurred_at: string | Date;
}

const parse = (data: ClickRow['data']): Record<string, unknown> =>
  typeof data === 'string' ? (JSON.parse(data) as Record<string, unknown>) : data;

export class KnowledgeItemClicks {
  @ApiProperty() index: number;
  @ApiProperty() title: string;
  @ApiProperty() topic: string;
  @ApiProperty() type: string;
  @ApiProperty() clicks: number;
  @ApiProperty() uniqueClickers: number;
}

export class KnowledgeTopicClicks {
  @ApiProperty() topic: string;
  @ApiProperty() clicks: number;
  @ApiProperty() uniqueClickers: number;
}

export class KnowledgeReport {
  @ApiProperty() campaignId: number;
  @ApiProperty() sent: number;
  @ApiProperty({ type: [KnowledgeItemClicks] }) items: KnowledgeItemClicks[];
  @ApiProperty({ type: [KnowledgeTopicClicks] }) topics: KnowledgeTopicClicks[];
}

export class TopicInterest {
  @ApiProperty() topic: string;
  @ApiProperty() score: number;
  @ApiProperty() clicks: number;
  @ApiProperty() lastClickAt: Date;
}

export class SubscriberInterests {
  @ApiProperty() subscriberId: number;
  @ApiProperty() halfLifeDays: number;
  @ApiProperty({ type: [TopicInterest] }) topics: TopicInterest[];
}

/** Clicks per item and topic, and decayed topic interests per subscriber, derived from human click events. */
@Injectable()
export class KnowledgeInsightsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recipients: KindRecipientResolver,
    private readonly clock: Clock,
  ) {}

  async report(campaignId: number): Promise<KnowledgeReport> {
    const { campaign, content } = await this.recipients.campaignOf(campaignId, 'knowledge');
    const ds = this.dataSource;
    const clicks: ClickRow[] = await ds.query(
      sql(
        ds,
        `SELECT campaign_id, subscriber_id, data, occurred_at FROM events WHERE campaign_id = ? AND type IN ${CLICK_TYPES} AND machine = ?`,
      ),
      [campaignId, dbBool(ds, false)],
    );
    const map = itemsByLinkIndex(campaign.links ?? [], content);
    const items = content.items.map((item, index) => ({
      index,
      title: item.title,
      topic: item.topic,
      type: item.type,
      clicks: 0,
      people: new Set<number>(),
    }));
    const topics = new Map<string, { clicks: number; people: Set<number> }>();
    for (const click of clicks) {
      const index = linkIndexOf(parse(click.data), campaign.links ?? []);
      const hit = index === undefined ? undefined : map.get(index);
      if (!hit) continue;
      const item = items[hit.itemIndex];
      item.clicks++;
      const topic = topics.get(item.topic) ?? { clicks: 0, people: new Set<number>() };
      topic.clicks++;
      if (click.subscriber_id !== null) {
        item.people.add(Number(click.subscriber_id));
        topic.people.add(Number(click.subscriber_id));
      }
      topics.set(item.topic, topic);
    }
    return {
      campaignId,
      sent: await this.recipients.sentCount(campaignId),
      items: items.map(({ people, ...rest }) => ({ ...rest, uniqueClickers: people.size })),
      topics: [...topics]
        .map(([topic, v]) => ({ topic, clicks: v.clicks, uniqueClickers: v.people.size }))
        .sort((a, b) => b.clicks - a.clicks),
    };
  }

  async interests(subscriberId: number, halfLifeDays = 30): Promise<SubscriberInterests> {
    const ds = this.dataSource;
    if (!(await ds.getRepository(Subscriber).exists({ where: { id: subscriberId } })))
      throw new NotFoundException('Subscriber', subscriberId);
    const clicks: ClickRow[] = await ds.query(
      sql(
        ds,
        `SELECT e.campaign_id, e.subscriber_id, e.data, e.occurred_at FROM events e JOIN campaigns c ON c.id = e.campaign_id
      WHERE e.subscriber_id = ? AND e.type IN ${CLICK_TYPES} AND e.machine = ? AND c.kind = 'knowledge'`,
      ),
      [subscriberId, dbBool(ds, false)],
    );
    const campaigns = new Map<number, Campaign>();
    const now = this.clock.now().getTime();
    const topics = new Map<string, { score: number; clicks: number; last: number }>();
    for (const click of clicks) {
      const id = Number(click.campaign_id);
      if (!campaigns.has(id)) campaigns.set(id, (await ds.getRepository(Campaign).findOneBy({ id }))!);
      const campaign = campaigns.get(id)!;
      const links = campaign.links ?? [];
      const index = linkIndexOf(parse(click.data), links);
      const hit =
        index === undefined
          ? undefined
          : itemsByLinkIndex(links, kindContent<KnowledgeContent>(campaign, 'knowledge')).get(index);
      if (!hit) continue;
      const at = new Date(click.occurred_at).getTime();
      const topic = topics.get(hit.item.topic) ?? { score: 0, clicks: 0, last: 0 };
      topic.score += decayed((now - at) / 86_400_000, halfLifeDays);
      topic.clicks++;
      topic.last = Math.max(topic.last, at);
      topics.set(hit.item.topic, topic);
    }
    return {
      subscriberId,
      halfLifeDays,
      topics: [...topics]
        .map(([topic, v]) => ({
          topic,
          score: Math.round(v.score * 1000) / 1000,
          clicks: v.clicks,
          lastClickAt: new Date(v.last),
        }))
        .sort((a, b) => b.score - a.score),
    };
  }
}
