import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Campaign } from '../../campaigns/campaign.entity';
import type { CampaignKind } from '../../campaigns/campaign-kind';
import { dbBool, jsonNumber, sql } from '../../common/db/sql-dialect';
import { rate } from '../../kinds/common/kind-recipient';
import { CONVERTED_TRIALS, TRIAL_TO_PAID_BENCHMARK } from '../../kinds/discount/discount-report';
import { itemsByLinkIndex } from '../../kinds/knowledge/knowledge-links';
import type { KnowledgeContent } from '../../kinds/knowledge/knowledge.content';
import { npsOfCounts } from '../../kinds/poll/poll-report';
import type { PollContent } from '../../kinds/poll/poll.content';
import { countNpsAnswer, NpsClassCounts } from '../../scores/value-model';
import type { KindHeadlineDto } from './dashboard.dto';

type Row = Record<string, unknown>;
type Counts = Map<number, Row>;

const n = (v: unknown): number => Number(v ?? 0);
const placeholders = (ids: number[]): string => ids.map(() => '?').join(', ');

/**
 * Each kind's headline figure for a handful of campaigns: one grouped query per
 * figure over all campaigns of that kind, with the same conditions as the kind's
 * own report (GET /api/campaigns/:id/report/<kind>), never a report per campaign.
 */
@Injectable()
export class KindHeadlinesQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async of(campaigns: Campaign[]): Promise<Map<number, KindHeadlineDto>> {
    const result = new Map<number, KindHeadlineDto>();
    const ofKind = (kind: CampaignKind) => campaigns.filter((c) => c.kind === kind);
    for (const [id, headline] of await this.polls(ofKind('poll'))) result.set(id, headline);
    for (const [id, headline] of await this.discounts(ofKind('discount'))) result.set(id, headline);
    for (const [id, headline] of await this.knowledge(ofKind('knowledge'))) result.set(id, headline);
    const loyalty = await this.grouped(ofKind('loyalty'), "SELECT campaign_id, COUNT(*) AS n, COALESCE(SUM(points), 0) AS points FROM points_ledger WHERE campaign_id IN (#) AND entry_type = 'earn' GROUP BY campaign_id");
    for (const c of ofKind('loyalty')) {
      const row = loyalty.get(c.id);
      result.set(c.id, { kind: 'loyalty', label: 'Points issued', value: n(row?.points), pointsIssued: n(row?.points), bonusCredited: n(row?.n) });
    }
    const counted: Array<{ kind: 'gift' | 'contest' | 'service'; label: string; field: 'claims' | 'entries' | 'requests'; query: string }> = [
      { kind: 'gift', label: 'Claims', field: 'claims', query: "SELECT campaign_id, COUNT(*) AS n FROM gift_claims WHERE campaign_id IN (#) AND status = 'claimed' GROUP BY campaign_id" },
      { kind: 'contest', label: 'Entries', field: 'entries', query: 'SELECT campaign_id, COUNT(*) AS n FROM contest_entries WHERE campaign_id IN (#) GROUP BY campaign_id' },
      { kind: 'service', label: 'Requests', field: 'requests', query: 'SELECT campaign_id, COUNT(*) AS n FROM service_requests WHERE campaign_id IN (#) GROUP BY campaign_id' },
    ];
    for (const { kind, label, field, query } of counted) {
      const rows = await this.grouped(ofKind(kind), query);
      for (const c of ofKind(kind)) {
        const count = n(rows.get(c.id)?.n);
        result.set(c.id, { kind, label, value: count, [field]: count });
      }
    }
    return result;
  }

  /** NPS for NPS polls, the average for CSAT, the number of answers for the others. */
  private async polls(campaigns: Campaign[]): Promise<Map<number, KindHeadlineDto>> {
    const result = new Map<number, KindHeadlineDto>();
    if (campaigns.length === 0) return result;
    const rows = await this.query<{ campaign_id: unknown; value: string; n: unknown }>(
      `SELECT campaign_id, value, COUNT(*) AS n FROM poll_answers WHERE campaign_id IN (${placeholders(campaigns.map((c) => c.id))}) GROUP BY campaign_id, value`,
      campaigns.map((c) => c.id));
    for (const c of campaigns) {
      const type = (c.content as unknown as PollContent).type;
      const answers = rows.filter((r) => Number(r.campaign_id) === c.id);
      const total = answers.reduce((sum, r) => sum + n(r.n), 0);
      const base = { kind: 'poll' as const, pollType: type, answers: total, responseRate: rate(total, c.sentCount) };
      if (type === 'nps') {
        const counts: NpsClassCounts = { promoters: 0, passives: 0, detractors: 0 };
        for (const r of answers) countNpsAnswer(counts, Number(r.value), n(r.n));
        const nps = npsOfCounts(counts);
        result.set(c.id, { ...base, label: 'NPS', value: total ? nps.score : null, nps });
      } else if (type === 'csat') {
        const sum = answers.reduce((s, r) => s + Number(r.value) * n(r.n), 0);
        const average = total ? Math.round((sum / total) * 100) / 100 : null;
        result.set(c.id, { ...base, label: 'Average CSAT', value: average, csatAverage: average });
      } else {
        result.set(c.id, { ...base, label: 'Answers', value: total });
      }
    }
    return result;
  }

  /** Redemptions, and trials with how many became paid (the seed's ~20% beside it). */
  private async discounts(campaigns: Campaign[]): Promise<Map<number, KindHeadlineDto>> {
    const result = new Map<number, KindHeadlineDto>();
    if (campaigns.length === 0) return result;
    const redeemed = await this.grouped(campaigns, "SELECT campaign_id, COUNT(*) AS n, COALESCE(SUM(amount), 0) AS amount FROM coupon_redemptions WHERE campaign_id IN (#) AND status = 'redeemed' GROUP BY campaign_id");
    const trials = await this.grouped(campaigns, 'SELECT campaign_id, COUNT(*) AS n FROM trials WHERE campaign_id IN (#) GROUP BY campaign_id');
    const converted = await this.grouped(campaigns, `SELECT t.campaign_id, COUNT(DISTINCT t.id) AS n FROM ${CONVERTED_TRIALS} WHERE t.campaign_id IN (#) GROUP BY t.campaign_id`);
    for (const c of campaigns) {
      const redemptions = n(redeemed.get(c.id)?.n);
      const trialStarts = n(trials.get(c.id)?.n);
      const conversions = n(converted.get(c.id)?.n);
      result.set(c.id, {
        kind: 'discount', label: 'Redemptions', value: redemptions, redemptions, redemptionAmount: Math.round(n(redeemed.get(c.id)?.amount) * 100) / 100,
        trialStarts, conversions, trialToPaidRate: rate(conversions, trialStarts), trialToPaidBenchmark: TRIAL_TO_PAID_BENCHMARK,
      });
    }
    return result;
  }

  /** The topic whose items people clicked most (human clicks on the items' own links). */
  private async knowledge(campaigns: Campaign[]): Promise<Map<number, KindHeadlineDto>> {
    const result = new Map<number, KindHeadlineDto>();
    if (campaigns.length === 0) return result;
    const ds = this.dataSource;
    const index = jsonNumber(ds, 'e.data', 'index');
    const rows = await this.query<{ campaign_id: unknown; link: unknown; n: unknown }>(
      `SELECT e.campaign_id, ${index} AS link, COUNT(*) AS n FROM events e
       WHERE e.campaign_id IN (${placeholders(campaigns.map((c) => c.id))}) AND e.type IN ('click', 'knowledge_click') AND e.machine = ?
       GROUP BY e.campaign_id, ${index}`,
      [...campaigns.map((c) => c.id), dbBool(ds, false)]);
    for (const c of campaigns) {
      const items = itemsByLinkIndex(c.links ?? [], c.content as unknown as KnowledgeContent);
      const topics = new Map<string, number>();
      for (const r of rows) {
        const hit = Number(r.campaign_id) === c.id && r.link !== null ? items.get(Number(r.link)) : undefined;
        if (hit) topics.set(hit.item.topic, (topics.get(hit.item.topic) ?? 0) + n(r.n));
      }
      const [top] = [...topics].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      result.set(c.id, { kind: 'knowledge', label: 'Top topic', value: top?.[0] ?? null, topTopic: top?.[0] ?? null, topTopicClicks: top?.[1] ?? 0 });
    }
    return result;
  }

  /** A `... WHERE campaign_id IN (#) GROUP BY campaign_id` query over the campaigns, by campaign id. */
  private async grouped(campaigns: Campaign[], text: string): Promise<Counts> {
    if (campaigns.length === 0) return new Map();
    const ids = campaigns.map((c) => c.id);
    const rows = await this.query<Row>(text.replace('#', placeholders(ids)), ids);
    return new Map(rows.map((r) => [Number(r.campaign_id), r]));
  }

  private query<T>(text: string, params: unknown[]): Promise<T[]> {
    return this.dataSource.query(sql(this.dataSource, text), params);
  }
}
