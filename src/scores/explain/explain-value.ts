import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { campaignNames } from '../../campaigns/campaign-names';
import { Clock } from '../../common/clock';
import { NotFoundException } from '../../common/domain.exception';
import { sql } from '../../common/db/sql-dialect';
import type { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { EventLogFollower } from '../../events/event-log.follower';
import { SCORES_CONSUMER } from '../incremental/value-profile.consumer';
import { KindRegistry } from '../../kinds/kind-registry';
import { CampaignFactsCache } from '../profile/campaign-facts';
import {
  FoldEvent,
  foldEvent,
  FoldTrace,
  orderVerdict,
  pointsDelta,
  satisfactionAnswer,
} from '../profile/profile-fold';
import { LIVE_TABLES, ProfileStore } from '../profile/profile-store';
import {
  emptyProfile,
  engagementTierOf,
  halfLifeOf,
  SCORE_NAMES,
  ScoreName,
  sumAt,
  ValueProfile,
} from '../profile/value-profile';
import { decayed, HALF_SCORE_SUM, npsClassOf, scoreOf } from '../value-model';
import { EventReader } from '../recompute/event-reader';
import { LtvPopulation } from '../ltv/ltv-population';
import { ltvSentence, predictLtv } from '../ltv/predict-ltv';
import {
  ContributionDto,
  LtvExplanationDto,
  SatisfactionDto,
  ScoresDto,
  ValueExplanationDto,
} from './value-explanation.dto';

// What the BG/NBD model takes for granted, shown beside its answer.
const LTV_ASSUMPTIONS = [
  'While a customer, each buys at their own steady rate; rates differ between customers (a gamma distribution over the shop).',
  'After each repeat order a customer may leave for good, with a chance that differs between customers (a beta distribution); leaving is never seen, only inferred from silence.',
  "Order values do not depend on how often a customer buys: S is this customer's own average.",
  'Months are 365.25 / 12 days; t counts the expected months still a customer within the horizon, without discounting.',
];

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** The step from the faded sum to the 0–100 score, with the figures filled in, in words a marketer reads. */
export function howScored(sum: number, halfLifeDays: number): string {
  if (sum <= 0) return 'Nothing counted yet, so the score is 0.';
  const s = round(sum, 2);
  return (
    `The events below add up to ${s} after fading (each loses half its weight every ${halfLifeDays} days). ` +
    `A total of ${HALF_SCORE_SUM} reads 50 and every further ${HALF_SCORE_SUM} halves the distance to 100: ` +
    `100 × (1 − 2^(−${s} ÷ ${HALF_SCORE_SUM})) = ${scoreOf(sum)}.`
  );
}
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

interface Contribution {
  event: FoldEvent;
  strength: number;
  weight: number;
}

/**
 * Every score of a subscriber with the events that made it: the stored
 * profile, and the subscriber's events (up to the point the profile includes)
 * folded again with the same fold, tracing what each one added.
 */
@Injectable()
export class ExplainValue {
  private readonly reader: EventReader;

  constructor(
    private readonly kinds: KindRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly store: ProfileStore,
    private readonly follower: EventLogFollower,
    private readonly clock: Clock,
    private readonly ltvPopulation: LtvPopulation,
  ) {
    this.reader = new EventReader(dataSource);
  }

  async execute(subscriberId: number, limit = 100): Promise<ValueExplanationDto> {
    const ds = this.dataSource;
    const [subscriber] = await ds.query(
      sql(ds, 'SELECT id, email FROM subscribers WHERE id = ? AND erased_at IS NULL'),
      [subscriberId],
    );
    if (!subscriber) throw new NotFoundException('Subscriber', subscriberId);
    const settings = this.config.scores;
    const now = this.clock.now().getTime();
    const asOf = await this.follower.position(SCORES_CONSUMER);
    const stored =
      (await this.store.load(ds, LIVE_TABLES, [subscriberId])).get(subscriberId) ?? emptyProfile(subscriberId);
    const events = await this.reader.ofSubscriber(subscriberId, asOf);
    const [pending] = await ds.query(sql(ds, 'SELECT COUNT(*) AS n FROM events WHERE subscriber_id = ? AND id > ?'), [
      subscriberId,
      asOf,
    ]);

    const campaigns = new CampaignFactsCache(this.kinds);
    await campaigns.ensure(
      ds,
      events.map((e) => e.campaignId),
    );
    const names = await campaignNames(
      ds,
      events.map((e) => e.campaignId),
    );
    const contributions = new Map<ScoreName, Contribution[]>(SCORE_NAMES.map((s) => [s, []]));
    const interestClicks = new Map<string, Array<{ event: FoldEvent; title: string }>>();
    const trace: FoldTrace = {
      score: (score, event, strength, weight) => contributions.get(score)!.push({ event, strength, weight }),
      interest: (topic, title, event) =>
        interestClicks.set(topic, [...(interestClicks.get(topic) ?? []), { event, title }]),
    };
    // Folded again only to hear the trace; the scores shown are the stored ones (what segments see).
    const traced = emptyProfile(subscriberId);
    const machine: Record<string, number> = {};
    const repeats: Record<string, number> = {};
    for (const e of events) {
      if (!e.machine && e.repeat) repeats[e.type] = (repeats[e.type] ?? 0) + 1;
      if (e.machine) machine[e.type] = (machine[e.type] ?? 0) + 1;
      else foldEvent(traced, e, campaigns.get(e.campaignId), settings, undefined, trace);
    }
    const human = events.filter((e) => !e.machine);
    const campaignOf = (e: FoldEvent) => ({
      campaignId: e.campaignId,
      campaignName: e.campaignId === null ? null : (names.get(e.campaignId) ?? null),
      kind: campaigns.get(e.campaignId)?.kind ?? null,
    });

    const scores = {} as ScoresDto;
    for (const name of SCORE_NAMES) {
      const h = halfLifeOf(name, settings);
      const sum = sumAt(stored.scores[name], now, h);
      const items: ContributionDto[] = contributions
        .get(name)!
        .map(({ event, strength, weight }) => {
          const value = decayed(strength * weight, event.occurredAt, now, h);
          return {
            eventId: event.id,
            type: event.type,
            ...campaignOf(event),
            occurredAt: new Date(event.occurredAt).toISOString(),
            strength,
            weight,
            decay: round(decayed(1, event.occurredAt, now, h), 6),
            contribution: round(value, 4),
            share: sum > 0 ? round(value / sum, 4) : 0,
          };
        })
        .sort((a, b) => b.contribution - a.contribution || a.eventId - b.eventId);
      const rest = items.slice(limit);
      scores[name] = {
        score: scoreOf(sum),
        decayedSum: round(sum, 4),
        halfLifeDays: h,
        howScored: howScored(sum, h),
        ...(name === 'engagement' ? { tier: engagementTierOf(scoreOf(sum)) } : {}),
        eventCount: items.length,
        events: items.slice(0, limit),
        otherEvents: {
          count: rest.length,
          contribution: round(
            rest.reduce((s, c) => s + c.contribution, 0),
            4,
          ),
        },
      };
    }

    return {
      subscriberId,
      email: subscriber.email ?? null,
      now: new Date(now).toISOString(),
      asOfEventId: asOf,
      pendingEvents: Number(pending.n),
      model: {
        halfScoreSum: HALF_SCORE_SUM,
        scoreFormula: '100 × (1 − 2^(−decayedSum / 10))',
        halfLifeDays: settings.halfLifeDays,
        engagementHalfLifeDays: settings.engagementHalfLifeDays,
        interestHalfLifeDays: settings.interestHalfLifeDays,
        ltvMargin: settings.ltvMargin,
        ltvMonths: settings.ltvMonths,
        ltvCurrency: settings.ltvCurrency,
      },
      scores,
      satisfaction: this.satisfaction(stored, human, campaignOf),
      ltv: await this.ltv(stored, now, human, campaignOf),
      interests: [...stored.interests]
        .map(([topic, state]) => ({
          topic,
          score: round(decayed(state.sum, state.at, now, settings.interestHalfLifeDays), 4),
          clicks: state.clicks,
          lastClickAt: iso(state.lastClickAt),
          events: (interestClicks.get(topic) ?? []).slice(-limit).map(({ event, title }) => ({
            eventId: event.id,
            ...campaignOf(event),
            item: title,
            occurredAt: iso(event.occurredAt),
            contribution: round(decayed(1, event.occurredAt, now, settings.interestHalfLifeDays), 4),
          })),
        }))
        .sort((a, b) => b.score - a.score || a.topic.localeCompare(b.topic)),
      loyalty: {
        balance: stored.loyaltyBalance,
        events: human
          .filter((e) => pointsDelta(e.type, e.data) !== 0)
          .slice(-limit)
          .map((e) => ({
            eventId: e.id,
            type: e.type,
            points: pointsDelta(e.type, e.data),
            reason: e.data.reason ?? null,
            occurredAt: iso(e.occurredAt),
          })),
      },
      trial: {
        status: stored.trial.status,
        since: iso(stored.trial.at),
        events: human
          .filter((e) => e.type === 'trial_started' || e.type === 'conversion')
          .map((e) => ({
            eventId: e.id,
            type: e.type,
            ...campaignOf(e),
            plan: e.data.plan ?? null,
            occurredAt: iso(e.occurredAt),
          })),
      },
      excluded: { machineEvents: Object.values(machine).reduce((a, b) => a + b, 0), byType: machine },
      repeats: { events: Object.values(repeats).reduce((a, b) => a + b, 0), byType: repeats },
    };
  }

  private satisfaction(p: ValueProfile, events: FoldEvent[], campaignOf: (e: FoldEvent) => object): SatisfactionDto {
    const answers = events
      .filter((e) => e.type === 'poll_answered')
      .map((e) => ({ e, answer: satisfactionAnswer(e.data) }));
    return {
      nps: p.nps
        ? {
            score: p.nps.score,
            class: npsClassOf(p.nps.score),
            answeredAt: iso(p.nps.at),
            campaignId: p.nps.campaignId,
          }
        : null,
      csat: p.csat ? { score: p.csat.score, answeredAt: iso(p.csat.at), campaignId: p.csat.campaignId } : null,
      answers: answers.map(({ e, answer }) => ({
        eventId: e.id,
        ...campaignOf(e),
        pollType: e.data.pollType ?? null,
        value: e.data.value ?? null,
        occurredAt: iso(e.occurredAt),
        // The latest NPS and the latest CSAT answer are the ones that count.
        counts:
          answer !== undefined &&
          ((answer.kind === 'nps' && p.nps?.at === e.occurredAt && p.nps.score === answer.score) ||
            (answer.kind === 'csat' && p.csat?.at === e.occurredAt && p.csat.score === answer.score)),
      })),
    };
  }

  private async ltv(
    p: ValueProfile,
    now: number,
    events: FoldEvent[],
    campaignOf: (e: FoldEvent) => object,
  ): Promise<LtvExplanationDto> {
    const currency = this.config.scores.ltvCurrency;
    const b = predictLtv(p.orders, now, await this.ltvPopulation.current(), this.config.scores, this.config.ltvModel);
    const m = b.model;
    return {
      value: round(b.value, 2),
      currency,
      formula: 'LTV = S × C × P × t',
      S: round(b.S, 4),
      C: round(b.C, 6),
      P: b.P,
      t: round(b.t, 6),
      tSource: b.tSource,
      cSource: b.cSource,
      historicalValue: round(b.historicalValue, 2),
      storedValue: round(b.storedValue, 2),
      observedMonths: round(b.observedMonths, 6),
      observedOrdersPerMonth: round(b.observedOrdersPerMonth, 6),
      orders: b.orders,
      revenue: round(b.revenue, 2),
      model: m && {
        name: m.name,
        x: m.x,
        tx: round(m.tx, 6),
        T: round(m.T, 6),
        pAlive: round(m.pAlive, 6),
        activeMonths: round(m.activeMonths, 6),
        expectedPurchases: round(m.expectedPurchases, 6),
        horizonMonths: m.horizonMonths,
        params: {
          r: round(m.params.r, 6),
          alpha: round(m.params.alpha, 6),
          a: round(m.params.a, 6),
          b: round(m.params.b, 6),
        },
        paramsSource: m.paramsSource,
        sampleSize: m.sampleSize,
        fittedAt: iso(m.fittedAt),
        note: m.note,
        assumptions: LTV_ASSUMPTIONS,
      },
      sentence: ltvSentence(b, currency),
      firstOrderAt: iso(p.orders.firstAt),
      lastOrderAt: iso(p.orders.lastAt),
      events: events
        .filter((e) => e.type === 'purchase' || e.type === 'conversion')
        .map((e) => {
          const verdict = orderVerdict(e.data, this.config.scores);
          return {
            eventId: e.id,
            type: e.type,
            ...campaignOf(e),
            amount: e.data.amount ?? null,
            currency: e.data.currency ?? null,
            ...(e.data.plan !== undefined ? { plan: e.data.plan } : {}),
            ...(e.data.orderId !== undefined ? { orderId: e.data.orderId } : {}),
            occurredAt: iso(e.occurredAt),
            counted: 'cents' in verdict,
            ...('reason' in verdict ? { reason: verdict.reason } : {}),
          };
        }),
    };
  }
}
