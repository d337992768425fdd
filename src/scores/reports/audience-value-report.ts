import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ListsService } from '../../audience/lists/lists.service';
import { SegmentsService } from '../../audience/segments/segments.service';
import { Clock } from '../../common/clock';
import { utcMonth } from '../../common/db/sql-dialect';
import type { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { KindRegistry } from '../../kinds/kind-registry';
import { profileFromRow, Row } from '../profile/profile-row';
import { DAY_MS, netPromoterScore, npsClassOf, scoreOf } from '../value-model';
import { halfLifeOf, SCORE_NAMES, ScoreName, sumAt } from '../profile/value-profile';
import { listMembers, MemberSet, rawRows, segmentMembers, whereMember } from './member-set';
import { AudienceNpsMonthDto, ReportSubscriberDto, SizePointDto, ValueReportDto } from './value-report.dto';
import { UnsubscribeFeedbackService } from '../../audience/unsubscribe/unsubscribe-feedback.service';

const PAGE = 2000;
const MAX_POINTS = 1000;
// At risk: engagement below the "warm" tier now…
const COLD_BELOW = 20;
// …after having been at least this high at the subscriber's last open or click.
const DROPPED_FROM = 40;
export const AT_RISK_RULES = {
  detractor: 'the latest NPS answer is 0–6',
  engagement_dropped: `engagement was ${DROPPED_FROM} or more at the last open or click and is below ${COLD_BELOW} now`,
  valuable_but_cold: `LTV in the top quarter of this audience's customers (p75 or more) while engagement is below ${COLD_BELOW}`,
};
const DIMENSIONS = ['functional', 'economic', 'emotional', 'symbolic'] as const;

const drop = (m: { engagementAtLast: number; scores: Record<string, number> }) =>
  m.engagementAtLast - m.scores.engagement;
const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const mondayOf = (ms: number) => ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY_MS;

interface Member {
  id: number;
  scores: Record<ScoreName, number>;
  totalValue: number;
  ltv: number;
  npsClass: string | null;
  npsScore: number | null;
  npsAt: number | null;
  engagementAtLast: number;
  lastEngagementAt: number | null;
  orders: number;
}

/** What a list or segment is worth and where it is heading: GET /api/lists/:id/report and /api/segments/:id/report. */
@Injectable()
export class AudienceValueReport {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly kinds: KindRegistry,
    private readonly lists: ListsService,
    private readonly segments: SegmentsService,
    private readonly clock: Clock,
    private readonly feedback: UnsubscribeFeedbackService,
  ) {}

  async forList(id: number, bucket?: 'day' | 'week', limit = 10): Promise<ValueReportDto> {
    const list = await this.lists.get(id);
    const report = await this.build(listMembers(this.dataSource, list), bucket, limit);
    const feedback = await this.feedback.forList(id, limit);
    return {
      ...report,
      unsubscribeFeedback: { ...feedback, notes: feedback.notes.map((n) => ({ ...n, at: n.at.toISOString() })) },
    };
  }

  async forSegment(id: number, bucket?: 'day' | 'week', limit = 10): Promise<ValueReportDto> {
    const segment = await this.segments.get(id);
    // Segment filters are compiled over the alias "s".
    const matching = () =>
      this.segments
        .applyFilter(this.dataSource.createQueryBuilder().from('subscribers', 's'), segment.filter, 'rseg')
        .andWhere('s.erased_at IS NULL');
    return this.build(segmentMembers(this.dataSource, segment, matching), bucket, limit);
  }

  private async build(members: MemberSet, bucket: 'day' | 'week' | undefined, limit: number): Promise<ValueReportDto> {
    const now = this.clock.now().getTime();
    const ds = this.dataSource;
    const [count] = await rawRows<{ n: unknown }>(
      ds,
      whereMember(ds.createQueryBuilder().select('COUNT(*)', 'n').from('subscribers', 'rc'), 'rc.id', members).andWhere(
        'rc.erased_at IS NULL',
      ),
    );
    const memberCount = Number(count.n);
    const scan = await this.scanProfiles(members, now, memberCount);
    const ltv = this.ltvDistribution(scan.customerLtvs, memberCount);
    const atRisk = this.atRisk(scan.candidates, ltv.p75);
    const people = await this.people([...scan.top.slice(0, limit), ...atRisk.slice(0, limit)].map((m) => m.id));
    const view = (m: Member): ReportSubscriberDto => ({
      subscriberId: m.id,
      email: people.get(m.id)?.email ?? null,
      name: people.get(m.id)?.name ?? '',
      totalValue: round(m.totalValue, 1),
      scores: m.scores,
      ltv: round(m.ltv, 2),
      npsClass: m.npsClass,
    });
    return {
      audience: members.audience,
      generatedAt: new Date(now).toISOString(),
      members: memberCount,
      size: await this.sizeOverTime(members, now, bucket),
      nps: { current: scan.nps, months: await this.npsByMonth(members) },
      ltv,
      averageValue: Object.fromEntries(
        SCORE_NAMES.map((s) => [s, memberCount ? round(scan.sums[s] / memberCount, 1) : 0]),
      ),
      engagementDistribution: scan.bands.map((n, i) => ({ from: i * 20, to: i * 20 + 20, count: n })),
      top: scan.top.slice(0, limit).map(view),
      atRisk: {
        total: atRisk.length,
        rules: AT_RISK_RULES,
        subscribers: atRisk.slice(0, limit).map((m) => ({ ...view(m), reasons: this.reasons(m, ltv.p75) })),
      },
    };
  }

  /** One pass over the members' profiles, page by page: averages, bands, top, at-risk candidates, LTVs. */
  private async scanProfiles(members: MemberSet, now: number, memberCount: number) {
    const settings = this.config.scores;
    const ds = this.dataSource;
    const sums = Object.fromEntries(SCORE_NAMES.map((s) => [s, 0])) as Record<ScoreName, number>;
    const bands = [0, 0, 0, 0, 0];
    const top: Member[] = [];
    const candidates: Member[] = [];
    const customerLtvs: number[] = [];
    const nps = { answered: 0, promoters: 0, passives: 0, detractors: 0, nps: null as number | null };
    const npsScores: number[] = [];
    let profiles = 0;
    for (let after = 0; ;) {
      const rows = await rawRows<Row>(ds, members.profilePage(after, PAGE));
      for (const row of rows) {
        const p = profileFromRow(row);
        const scores = {} as Record<ScoreName, number>;
        for (const s of SCORE_NAMES) scores[s] = scoreOf(sumAt(p.scores[s], now, halfLifeOf(s, settings)));
        for (const s of SCORE_NAMES) sums[s] += scores[s];
        bands[Math.min(4, Math.floor(scores.engagement / 20))]++;
        const m: Member = {
          id: p.subscriberId,
          scores,
          totalValue: DIMENSIONS.reduce((a, d) => a + scores[d], 0),
          ltv: Number(row.ltv),
          npsClass: p.nps ? npsClassOf(p.nps.score) : null,
          npsScore: p.nps?.score ?? null,
          npsAt: p.nps?.at ?? null,
          engagementAtLast: scoreOf(p.scores.engagement.sum),
          lastEngagementAt: p.scores.engagement.at,
          orders: p.orders.count,
        };
        if (p.nps) npsScores.push(p.nps.score);
        if (m.orders > 0) customerLtvs.push(m.ltv);
        this.keepTop(top, m, 100);
        if (
          m.npsClass === 'detractor' ||
          (m.scores.engagement < COLD_BELOW && (m.engagementAtLast >= DROPPED_FROM || m.orders > 0))
        )
          candidates.push(m);
      }
      profiles += rows.length;
      if (rows.length < PAGE) break;
      after = Number(rows[rows.length - 1].subscriber_id);
    }
    // Members without a profile have 0 everywhere: the lowest engagement band.
    bands[0] += Math.max(0, memberCount - profiles);
    nps.answered = npsScores.length;
    nps.promoters = npsScores.filter((s) => s >= 9).length;
    nps.detractors = npsScores.filter((s) => s <= 6).length;
    nps.passives = nps.answered - nps.promoters - nps.detractors;
    nps.nps = netPromoterScore(npsScores);
    return { sums, bands, top, candidates, customerLtvs, nps };
  }

  private keepTop(top: Member[], m: Member, size: number): void {
    if (m.totalValue <= 0) return;
    const better = (a: Member, b: Member) => b.totalValue - a.totalValue || b.ltv - a.ltv || a.id - b.id;
    if (top.length >= size && better(m, top[top.length - 1]) >= 0) return;
    top.push(m);
    top.sort(better);
    if (top.length > size) top.pop();
  }

  /** Quantiles with linear interpolation between closest ranks (as PostgreSQL's percentile_cont). */
  private ltvDistribution(values: number[], memberCount: number) {
    const sorted = Float64Array.from(values).sort();
    const q = (p: number) => {
      if (sorted.length === 0) return null;
      const pos = p * (sorted.length - 1);
      const lo = Math.floor(pos);
      const hi = Math.min(lo + 1, sorted.length - 1);
      return round(sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo), 2);
    };
    const total = values.reduce((a, b) => a + b, 0);
    return {
      currency: this.config.scores.ltvCurrency,
      customers: sorted.length,
      p10: q(0.1),
      p25: q(0.25),
      p50: q(0.5),
      p75: q(0.75),
      p90: q(0.9),
      mean: sorted.length ? round(total / sorted.length, 2) : null,
      meanPerMember: memberCount ? round(total / memberCount, 2) : 0,
      total: round(total, 2),
    };
  }

  private atRisk(candidates: Member[], p75: number | null): Member[] {
    return candidates
      .filter((m) => this.reasons(m, p75).length > 0)
      .sort((a, b) => b.ltv - a.ltv || drop(b) - drop(a) || a.id - b.id);
  }

  private reasons(m: Member, p75: number | null): Array<{ code: string; message: string }> {
    const reasons: Array<{ code: string; message: string }> = [];
    const currency = this.config.scores.ltvCurrency;
    if (m.npsClass === 'detractor') {
      reasons.push({
        code: 'detractor',
        message: `Latest NPS answer is ${m.npsScore} (detractor), given ${new Date(m.npsAt!).toISOString().slice(0, 10)}`,
      });
    }
    if (m.scores.engagement < COLD_BELOW && m.engagementAtLast >= DROPPED_FROM) {
      reasons.push({
        code: 'engagement_dropped',
        message: `Engagement fell from ${m.engagementAtLast} at the last open or click (${new Date(m.lastEngagementAt!).toISOString().slice(0, 10)}) to ${m.scores.engagement} now`,
      });
    }
    if (m.scores.engagement < COLD_BELOW && m.orders > 0 && p75 !== null && m.ltv > 0 && round(m.ltv, 2) >= p75) {
      reasons.push({
        code: 'valuable_but_cold',
        message: `LTV ${m.ltv.toFixed(2)} ${currency} is in the top quarter of this audience's customers (p75 ${p75.toFixed(2)}) but engagement is ${m.scores.engagement}`,
      });
    }
    return reasons;
  }

  private async sizeOverTime(
    members: MemberSet,
    now: number,
    requested: 'day' | 'week' | undefined,
  ): Promise<ValueReportDto['size']> {
    const { basis, joined, left } = await members.history();
    const days = [...joined.keys(), ...left.keys()].map(dayMs).filter((d) => !Number.isNaN(d));
    const today = dayMs(isoDay(now));
    const first = days.length ? Math.min(...days) : today;
    const bucket = requested ?? ((today - first) / DAY_MS <= 92 ? 'day' : 'week');
    const startOf = (ms: number) => (bucket === 'day' ? ms : mondayOf(ms));
    const step = bucket === 'day' ? DAY_MS : 7 * DAY_MS;
    const perBucket = new Map<number, { joined: number; left: number }>();
    const add = (map: Map<string, number>, key: 'joined' | 'left') => {
      for (const [day, n] of map) {
        const b = startOf(dayMs(day));
        const entry = perBucket.get(b) ?? { joined: 0, left: 0 };
        entry[key] += n;
        perBucket.set(b, entry);
      }
    };
    add(joined, 'joined');
    add(left, 'left');
    const points: SizePointDto[] = [];
    let size = 0;
    for (let b = startOf(first); b <= startOf(Math.max(today, first)); b += step) {
      const entry = perBucket.get(b) ?? { joined: 0, left: 0 };
      size += entry.joined - entry.left;
      points.push({ start: isoDay(b), joined: entry.joined, left: entry.left, size });
    }
    return { bucket, basis, points: points.slice(-MAX_POINTS) };
  }

  private async npsByMonth(members: MemberSet): Promise<AudienceNpsMonthDto[]> {
    const ds = this.dataSource;
    const rows: Array<{ month: string; value: string; n: unknown }> = [];
    for (const { npsAnswers } of this.kinds.all()) {
      if (!npsAnswers) continue;
      const ids = await npsAnswers.campaignIds(ds);
      if (ids.length === 0) continue;
      rows.push(
        ...(await rawRows<{ month: string; value: string; n: unknown }>(
          ds,
          whereMember(
            ds
              .createQueryBuilder()
              .select(utcMonth(ds, 'pa.answered_at'), 'month')
              .addSelect('pa.value', 'value')
              .addSelect('COUNT(*)', 'n')
              .from(npsAnswers.table, 'pa')
              .where('pa.campaign_id IN (:...rn_polls)', { rn_polls: ids }),
            'pa.subscriber_id',
            members,
          )
            .groupBy('month')
            .addGroupBy('pa.value')
            .orderBy('month', 'ASC'),
        )),
      );
    }
    const months = new Map<string, number[]>();
    for (const r of rows) {
      const values = months.get(r.month) ?? [];
      for (let i = 0; i < Number(r.n); i++) values.push(Number(r.value));
      months.set(r.month, values);
    }
    return [...months]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, values]) => ({
        month,
        answers: values.length,
        promoters: values.filter((v) => v >= 9).length,
        passives: values.filter((v) => v >= 7 && v <= 8).length,
        detractors: values.filter((v) => v <= 6).length,
        nps: netPromoterScore(values)!,
      }));
  }

  private async people(ids: number[]): Promise<Map<number, { email: string | null; name: string }>> {
    const result = new Map<number, { email: string | null; name: string }>();
    if (ids.length === 0) return result;
    const rows = await rawRows<{ id: unknown; email: string | null; name: string }>(
      this.dataSource,
      this.dataSource
        .createQueryBuilder()
        .select(['rp.id AS id', 'rp.email AS email', 'rp.name AS name'])
        .from('subscribers', 'rp')
        .where('rp.id IN (:...rp_ids)', { rp_ids: [...new Set(ids)] }),
    );
    for (const r of rows) result.set(Number(r.id), { email: r.email, name: r.name });
    return result;
  }
}
