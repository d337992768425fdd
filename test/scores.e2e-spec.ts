import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '../src/common/clock';
import { sql } from '../src/common/db/sql-dialect';
import { EventLogFollower } from '../src/events/event-log.follower';
import { sampleContent } from '../src/kinds/kind-content.registry';
import { knowledgeSample } from '../src/kinds/knowledge/knowledge.content';
import { ScoreClassChange, ScoreClassChangeHooks } from '../src/scores/score-class-change.hooks';
import { runRecomputeCli } from '../src/scores/recompute/recompute.cli';
import { SCORES_QUEUE } from '../src/scores/recompute/recompute-scores.processor';
import { ModelSettingsCheck } from '../src/scores/recompute/model-settings.check';
import { RecomputeScores } from '../src/scores/recompute/recompute-scores';
import { UA } from '../src/tracking/machine-classifier.fixtures';
import { createAudience, waitUntil } from './support/fixtures';
import { count, linksIn, rows, sendKindCampaign, settleActs } from './support/kinds';
import { startTestApp, TestApp } from './support/test-app';

const DAY = 86_400_000;

describe('value scores: profiles from the real pipeline, explain, segments, reports, recompute', () => {
  let t: TestApp;
  let ds: DataSource;
  let frozen: number | null = null;
  let T0: number;
  let NOW: number;
  const ids: Record<'A' | 'B' | 'C' | 'D', number> = { A: 0, B: 0, C: 0, D: 0 };
  const emails: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };
  let listId: number;
  const campaign: Record<'knowledge' | 'poll' | 'discount', number> = { knowledge: 0, poll: 0, discount: 0 };
  const announced: ScoreClassChange[] = [];

  const mailOf = (who: keyof typeof emails, kind: string) => {
    const mail = t.sink.to(emails[who]).find((m) => String(m.parsed.subject).startsWith(`A ${kind} for`));
    if (!mail) throw new Error(`no ${kind} mail to ${who}`);
    return String(mail.parsed.html);
  };
  const eventCount = (where: string, params: unknown[]) => count(t, 'events', where, params);
  const caughtUp = () => t.app.get(EventLogFollower).catchUp('scores');
  const profiles = () => rows(t, 'SELECT * FROM value_profiles ORDER BY subscriber_id');
  const interests = () => rows(t, 'SELECT * FROM value_interests ORDER BY subscriber_id, topic');
  const preview = async (filter: unknown) => {
    const res = await t.api().post('/api/segments/preview').send({ filter, limit: 200 }).expect(200);
    return (res.body.items as Array<{ id: number }>).map(
      (s) => Object.entries(ids).find(([, id]) => id === s.id)?.[0] ?? s.id,
    );
  };

  /** Opens the knowledge mail of `who` and clicks its first item (brewing), with a browser's or a scanner's user agent. */
  const readKnowledge = async (who: keyof typeof emails, ua: string) => {
    const html = mailOf(who, 'knowledge');
    const [pixel] = linksIn(t, html, 'o');
    await t.http().get(pixel).set('User-Agent', ua).expect(200);
    const [row] = await rows<{ links: string }>(t, 'SELECT links FROM campaigns WHERE id = ?', [campaign.knowledge]);
    const links: string[] = JSON.parse(row.links);
    const index = links.findIndex((l) => l.replace(/&amp;/g, '&') === knowledgeSample.items[0].url);
    const click = linksIn(t, html, 'r').find((l) => l.endsWith(`/${index}`))!;
    await t.http().get(click).set('User-Agent', ua).expect(302);
  };
  const answerPoll = async (who: keyof typeof emails, value: string) => {
    const link = linksIn(t, mailOf(who, 'poll'), 'p').find((l) => l.endsWith(`/${value}`))!;
    await t.http().get(link).expect(200);
  };

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        SCHEDULER_TICK_MS: '200',
        SCORES_HALF_LIFE_DAYS: '90',
        SCORES_ENGAGEMENT_HALF_LIFE_DAYS: '30',
        SCORES_INTEREST_HALF_LIFE_DAYS: '30',
        LTV_MARGIN: '0.5',
        LTV_MONTHS: '0',
        LTV_CURRENCY: 'EUR',
      },
    });
    ds = t.app.get(DataSource);
    // The one clock, controlled: real time while sending, then frozen at chosen moments.
    t.app.get(Clock).now = () => new Date(frozen ?? Date.now());
    t.app
      .get(ScoreClassChangeHooks)
      .register({ onScoreClassChanged: async (changes) => void announced.push(...changes) });

    const audience = await createAudience(t, 4, { listName: 'Tea lovers' });
    listId = audience.listId;
    (['A', 'B', 'C', 'D'] as const).forEach((who, i) => {
      ids[who] = audience.subscriberIds[i];
      emails[who] = audience.emails[i];
    });
    campaign.knowledge = await sendKindCampaign(t, 'knowledge', knowledgeSample, listId);
    campaign.poll = await sendKindCampaign(
      t,
      'poll',
      { question: 'How likely are you to recommend us?', type: 'nps' },
      listId,
    );
    campaign.discount = await sendKindCampaign(
      t,
      'discount',
      {
        offerType: 'trial',
        trialPlan: 'Pro',
        trialDays: 14,
        codeMode: 'shared',
        sharedCode: 'TRIALPRO',
        headline: 'Try Pro',
        body: 'Free for two weeks.',
      },
      listId,
    );

    // Every interaction at T0, an hour after sending (so no prefetch window applies), in this order.
    T0 = Math.ceil((Date.now() + 3_600_000) / 60_000) * 60_000;
    NOW = T0 + 30 * DAY;
    frozen = T0;
    await readKnowledge('A', UA.chrome);
    // Drained before the next actions, so the log's order is the order of the actions (last touch = the trial).
    await waitUntil(
      () => eventCount("subscriber_id = ? AND type IN ('open', 'click')", [ids.A]),
      (n) => n === 2,
      15_000,
      "A's open and click to be drained",
    );
    await answerPoll('A', '9');
    const trial = linksIn(t, mailOf('A', 'discount'), 't')[0];
    await t.http().get(trial).expect(200);
    await answerPoll('B', '8');
    await readKnowledge('B', UA.proofpoint);
    await readKnowledge('C', UA.barracuda);
    await waitUntil(
      () => eventCount("campaign_id = ? AND type IN ('open', 'click')", [campaign.knowledge]),
      (n) => n === 6,
      15_000,
      'the opens and clicks to be drained',
    );
    // B changes their mind a minute later: 3 is the answer, the act counted once.
    frozen = T0 + 60_000;
    await answerPoll('B', '3');
    // The one-click acts count once the scanner rules have seen their messages.
    await settleActs(t, { now: () => frozen!, advance: (ms) => (frozen = frozen! + ms), release: () => undefined });

    // Three days later the shop reports a purchase (day 1), the paid conversion (day 2) and a purchase in dollars.
    frozen = T0 + 3 * DAY;
    const post = (path: string, key: string, body: object) =>
      t.api().post(path).set('Idempotency-Key', key).send(body).expect(201);
    await post('/api/events/purchases', 'p-1', {
      subscriberId: ids.A,
      orderId: 'A-1',
      amount: 120,
      currency: 'EUR',
      at: new Date(T0 + DAY).toISOString(),
    });
    await post('/api/events/conversions', 'c-1', {
      subscriberId: ids.A,
      plan: 'Pro',
      amount: 30,
      currency: 'EUR',
      at: new Date(T0 + 2 * DAY).toISOString(),
    });
    await post('/api/events/purchases', 'p-2', {
      subscriberId: ids.A,
      orderId: 'A-2',
      amount: 10,
      currency: 'USD',
      at: new Date(T0 + 2 * DAY).toISOString(),
    });
    await t.api().post(`/api/subscribers/${ids.A}/points/adjust`).send({ points: 200, reason: 'Welcome' }).expect(200);
    await t.api().post(`/api/subscribers/${ids.A}/points/redeem`).send({ points: 50, reason: 'Tea' }).expect(200);
    await caughtUp();
    frozen = NOW;
  }, 180_000);
  afterAll(() => t.close());

  it('builds the profile from human events only and explains every score with what each event contributed', async () => {
    expect(
      await eventCount('subscriber_id = ? AND machine = ?', [ids.C, ds.options.type === 'postgres' ? true : 1]),
    ).toBe(2);
    const [stored] = await rows(t, 'SELECT * FROM value_profiles WHERE subscriber_id = ?', [ids.C]);
    expect(stored).toBeUndefined();

    const a = (await t.api().get(`/api/subscribers/${ids.A}/value`).expect(200)).body;
    expect(a.now).toBe(new Date(NOW).toISOString());
    expect(a.pendingEvents).toBe(0);
    // Engagement (half-life 30 days) counts acts too: open 1 + click 3 + answer 5 + trial 5 at T0, halved after 30 days → 7 → 100 × (1 − 2^(−7/10)) = 38.4.
    expect(a.scores.engagement).toMatchObject({ score: 38.4, decayedSum: 7, tier: 'warm', eventCount: 4 });
    expect(a.scores.engagement.howScored).toBe(
      'The events below add up to 7 after fading (each loses half its weight every 30 days). ' +
        'A total of 10 reads 50 and every further 10 halves the distance to 100: 100 × (1 − 2^(−7 ÷ 10)) = 38.4.',
    );
    expect(
      a.scores.engagement.events.map((e: { type: string; contribution: number; share: number }) => [
        e.type,
        e.contribution,
        e.share,
      ]),
    ).toEqual([
      ['poll_answered', 2.5, 0.3571],
      ['trial_started', 2.5, 0.3571],
      ['click', 1.5, 0.2143],
      ['open', 0.5, 0.0714],
    ]);
    // Functional (knowledge weighs 1; half-life 90): 4 × 2^(−30/90) = 3.1748 → 19.8.
    expect(a.scores.functional).toMatchObject({ score: 19.8, decayedSum: 3.1748 });
    // Emotional: the poll answer 5 × 2^(−1/3) = 3.9685 → 24.
    expect(a.scores.emotional).toMatchObject({ score: 24, decayedSum: 3.9685, eventCount: 1 });
    // Economic: trial start 5 at T0 and the conversion 5 two days later (credited to the discount campaign):
    // 5 × 2^(−30/90) + 5 × 2^(−28/90) = 3.9685 + 4.0301 = 7.9986 → 42.6.
    expect(a.scores.economic).toMatchObject({ score: 42.6, decayedSum: 7.9986 });
    expect(a.scores.economic.events).toEqual([
      expect.objectContaining({
        type: 'conversion',
        campaignId: campaign.discount,
        kind: 'discount',
        strength: 5,
        weight: 1,
        contribution: 4.0301,
        share: 0.5039,
      }),
      expect.objectContaining({
        type: 'trial_started',
        campaignId: campaign.discount,
        strength: 5,
        weight: 1,
        decay: 0.793701,
        contribution: 3.9685,
        share: 0.4961,
      }),
    ]);
    expect(a.scores.symbolic).toMatchObject({ score: 0, decayedSum: 0, eventCount: 0 });
    expect(a.satisfaction.nps).toEqual({
      score: 9,
      class: 'promoter',
      answeredAt: new Date(T0).toISOString(),
      campaignId: campaign.poll,
    });
    expect(a.satisfaction.csat).toBeNull();
    // LTV: 120 + 30 EUR a day apart, 28 days of silence since. History: 150 × P 0.5 = 75 (stored, what segments compare).
    // Predicted with the CDNOW parameters (one customer, too few to fit): P(alive) 0.58297, 4.5068 orders in 36 months
    // (reference: scipy) → 75 × 0.5 × 4.5068 = 169.01. The dollars are shown, not counted.
    expect(a.ltv).toMatchObject({
      value: 169.01,
      currency: 'EUR',
      S: 75,
      P: 0.5,
      tSource: 'model',
      historicalValue: 75,
      storedValue: 75,
      orders: 2,
      revenue: 150,
    });
    expect(a.ltv.model).toMatchObject({ x: 1, paramsSource: 'default', sampleSize: 1, horizonMonths: 36 });
    expect(a.ltv.model.pAlive).toBeCloseTo(0.58297, 5);
    expect(a.ltv.model.expectedPurchases).toBeCloseTo(4.50683, 5);
    expect(
      a.ltv.events.map((e: { type: string; amount: number; counted: boolean }) => [e.type, e.amount, e.counted]),
    ).toEqual([
      ['purchase', 120, true],
      ['conversion', 30, true],
      ['purchase', 10, false],
    ]);
    expect(a.ltv.events[2].reason).toBe('in USD, LTV counts EUR only');
    // Interest in brewing: one click, halved after 30 days.
    expect(a.interests).toEqual([expect.objectContaining({ topic: 'brewing', score: 0.5, clicks: 1 })]);
    expect(a.interests[0].events).toEqual([
      expect.objectContaining({
        campaignId: campaign.knowledge,
        item: knowledgeSample.items[0].title,
        contribution: 0.5,
      }),
    ]);
    expect(a.loyalty.balance).toBe(150);
    expect(a.loyalty.events.map((e: { type: string; points: number }) => [e.type, e.points])).toEqual([
      ['points_adjusted', 200],
      ['points_redeemed', -50],
    ]);
    expect(a.trial).toMatchObject({ status: 'converted', since: new Date(T0 + 2 * DAY).toISOString() });

    const b = (await t.api().get(`/api/subscribers/${ids.B}/value`).expect(200)).body;
    // Two answers (8, then 3 a minute later) are one act: 5 × 2^(−1/3) = 3.9685 → 24; the scanner's open and click count for nothing.
    expect(b.scores.emotional).toMatchObject({ score: 24, eventCount: 1 });
    // The answer is engagement too: 5 halved after 30 days → 2.5 → 15.9.
    expect(b.scores.engagement).toMatchObject({ score: 15.9, eventCount: 1 });
    expect(b.satisfaction.nps).toMatchObject({ score: 3, class: 'detractor' });
    expect(b.satisfaction.answers.map((x: { value: string; counts: boolean }) => [x.value, x.counts])).toEqual([
      ['8', false],
      ['3', true],
    ]);
    expect(b.excluded).toEqual({ machineEvents: 2, byType: { open: 1, click: 1 } });
    expect(b.repeats).toEqual({ events: 1, byType: { poll_answered: 1 } });

    const d = (await t.api().get(`/api/subscribers/${ids.D}/value`).expect(200)).body;
    expect(Object.values(d.scores).map((s) => (s as { score: number }).score)).toEqual([0, 0, 0, 0, 0]);
    expect(d).toMatchObject({
      ltv: { value: 0, orders: 0 },
      trial: { status: 'none' },
      loyalty: { balance: 0 },
      interests: [],
    });
    await t.api().get('/api/subscribers/999999/value').expect(404);
  });

  it('announced class changes exactly once, in the transaction that stored them', () => {
    const of = (who: keyof typeof ids) =>
      announced.filter((c) => c.subscriberId === ids[who]).map((c) => `${c.score}:${c.from}→${c.to}`);
    // A: the click makes 4 (24.2, warm), the answer 9 (46.4), the trial 14 (62.1, engaged).
    expect(of('A')).toEqual([
      'engagement:cold→warm',
      'nps:null→promoter',
      'engagement:warm→engaged',
      'trial:none→started',
      'trial:started→converted',
    ]);
    // B: the first answer makes 5 (29.3, warm); the changed answer moves the NPS class and adds nothing.
    expect(of('B')).toEqual(['engagement:cold→warm', 'nps:null→passive', 'nps:passive→detractor']);
    expect(of('C')).toEqual([]);
  });

  it('selects exactly the expected subscribers with segments over value, at now', async () => {
    expect(await preview({ field: 'nps.class', op: 'eq', value: 'detractor' })).toEqual(['B']);
    expect(await preview({ field: 'nps.class', op: 'in', value: ['promoter', 'passive'] })).toEqual(['A']);
    expect(await preview({ field: 'nps.class', op: 'exists', value: false })).toEqual(['C', 'D']);
    expect(await preview({ field: 'nps.score', op: 'lt', value: 7 })).toEqual(['B']);
    expect(await preview({ field: 'value.economic', op: 'gt', value: 40 })).toEqual(['A']);
    expect(await preview({ field: 'value.economic', op: 'eq', value: 42.6 })).toEqual(['A']);
    expect(await preview({ field: 'value.economic', op: 'gt', value: 42.6 })).toEqual([]);
    expect(await preview({ field: 'value.emotional', op: 'gt', value: 20 })).toEqual(['A', 'B']);
    expect(await preview({ field: 'value.emotional', op: 'gt', value: 30 })).toEqual([]);
    expect(await preview({ field: 'value.engagement', op: 'lt', value: 10 })).toEqual(['C', 'D']);
    expect(await preview({ field: 'value.engagement', op: 'lt', value: 20 })).toEqual(['B', 'C', 'D']);
    expect(await preview({ field: 'ltv', op: 'gt', value: 50 })).toEqual(['A']);
    expect(await preview({ field: 'ltv', op: 'lt', value: 50 })).toEqual(['B', 'C', 'D']);
    expect(await preview({ field: 'loyalty.balance', op: 'gt', value: 100 })).toEqual(['A']);
    expect(await preview({ field: 'trial.status', op: 'eq', value: 'none' })).toEqual(['B', 'C', 'D']);
    expect(await preview({ field: 'trial.status', op: 'eq', value: 'converted' })).toEqual(['A']);
    expect(await preview({ field: 'interest.brewing', op: 'exists' })).toEqual(['A']);
    expect(await preview({ field: 'interest.Brewing', op: 'gt', value: 0.4 })).toEqual(['A']);
    expect(await preview({ field: 'interest.brewing', op: 'gt', value: 0.6 })).toEqual([]);
    expect(
      await preview({
        all: [{ field: 'list', op: 'eq', value: listId }, { not: { field: 'value.engagement', op: 'gt', value: 20 } }],
      }),
    ).toEqual(['B', 'C', 'D']);
    // 45 days on the same economic score has decayed below 40.
    frozen = T0 + 45 * DAY;
    expect(await preview({ field: 'value.economic', op: 'gt', value: 40 })).toEqual([]);
    frozen = NOW;

    const bad = await t
      .api()
      .post('/api/segments/preview')
      .send({
        filter: {
          all: [
            { field: 'ltv', op: 'gt', value: 1 },
            { field: 'nps.class', op: 'eq', value: 'angry' },
            { field: 'value.economic', op: 'contains', value: 'x' },
          ],
        },
      })
      .expect(400);
    expect(bad.body.details).toEqual([
      'all[1].value: unknown value "angry" (use promoter, passive, detractor)',
      'all[2].op: operator "contains" does not apply to value.economic (use gt, lt, eq, neq)',
    ]);
  });

  it('lets the next campaign target the detractors', async () => {
    const segment = (
      await t
        .api()
        .post('/api/segments')
        .send({ name: 'Detractors', filter: { field: 'nps.class', op: 'eq', value: 'detractor' } })
        .expect(201)
    ).body;
    frozen = null;
    const created = await t
      .api()
      .post('/api/campaigns')
      .send({
        kind: 'service',
        name: 'Win back',
        subject: 'Sorry, {{subscriber.name}}',
        fromEmail: 'care@shop.example',
        audience: { listIds: [listId], segmentId: segment.id },
        content: sampleContent('service'),
      });
    expect(created.status).toBe(201);
    await t.api().post(`/api/campaigns/${created.body.id}/send`).expect(200);
    await waitUntil(
      () =>
        t
          .api()
          .get(`/api/campaigns/${created.body.id}/progress`)
          .then((r) => r.body),
      (p) => p.status === 'finished',
      30_000,
      'the win-back campaign',
    );
    const received = (['A', 'B', 'C', 'D'] as const).filter((who) =>
      t.sink.to(emails[who]).some((m) => String(m.parsed.subject).startsWith('Sorry')),
    );
    expect(received).toEqual(['B']);
    frozen = NOW;
  });

  it('reports the list: size over time, NPS by month, LTV quantiles, average value, engagement bands, top and at-risk', async () => {
    const report = (await t.api().get(`/api/lists/${listId}/report`).expect(200)).body;
    expect(report.audience).toEqual({ type: 'list', id: listId, name: 'Tea lovers' });
    expect(report.members).toBe(4);
    // Four members joined today (real time); the report runs 30 days later by the clock: 31 daily points.
    expect(report.size.bucket).toBe('day');
    expect(report.size.points[0]).toMatchObject({
      start: new Date().toISOString().slice(0, 10),
      joined: 4,
      left: 0,
      size: 4,
    });
    expect(report.size.points.at(-1)).toMatchObject({ start: new Date(NOW).toISOString().slice(0, 10), size: 4 });
    const weekly = (await t.api().get(`/api/lists/${listId}/report?bucket=week`).expect(200)).body;
    expect(weekly.size.points.reduce((n: number, p: { joined: number }) => n + p.joined, 0)).toBe(4);
    // One promoter (A: 9) and one detractor (B: 3) answered in T0's month: NPS 50 − 50 = 0.
    expect(report.nps.months).toEqual([
      { month: new Date(T0).toISOString().slice(0, 7), answers: 2, promoters: 1, passives: 0, detractors: 1, nps: 0 },
    ]);
    expect(report.nps.current).toEqual({ answered: 2, promoters: 1, passives: 0, detractors: 1, nps: 0 });
    expect(report.ltv).toEqual({
      currency: 'EUR',
      customers: 1,
      p10: 75,
      p25: 75,
      p50: 75,
      p75: 75,
      p90: 75,
      mean: 75,
      meanPerMember: 18.75,
      total: 75,
    });
    // Means over 4 members: engagement (38.4 + 15.9) / 4, functional 19.8 / 4, economic 42.6 / 4, emotional (24 + 24) / 4.
    const mean = (sum: number) => Math.round((sum / 4) * 10) / 10;
    expect(report.averageValue).toEqual({
      engagement: mean(38.4 + 15.9),
      functional: mean(19.8),
      economic: mean(42.6),
      emotional: mean(24 + 24),
      symbolic: 0,
    });
    expect(report.engagementDistribution.map((b: { count: number }) => b.count)).toEqual([3, 1, 0, 0, 0]);
    expect(report.top.map((s: { subscriberId: number; totalValue: number }) => [s.subscriberId, s.totalValue])).toEqual(
      [
        [ids.A, 86.4],
        [ids.B, 24],
      ],
    );
    // A answered and started a trial: engaged enough (38.4) not to be "valuable but cold"; B: a detractor.
    expect(report.atRisk.total).toBe(1);
    expect(
      report.atRisk.subscribers.map((s: { subscriberId: number; reasons: Array<{ code: string }> }) => [
        s.subscriberId,
        s.reasons.map((r) => r.code),
      ]),
    ).toEqual([[ids.B, ['detractor']]]);
    expect(report.atRisk.subscribers[0].reasons[0].message).toBe(
      `Latest NPS answer is 3 (detractor), given ${new Date(T0).toISOString().slice(0, 10)}`,
    );
    await t.api().get('/api/lists/999999/report').expect(404);
  });

  it('reports a segment over its current matches', async () => {
    const segment = (
      await t
        .api()
        .post('/api/segments')
        .send({ name: 'Answered', filter: { field: 'nps.class', op: 'exists' } })
        .expect(201)
    ).body;
    const report = (await t.api().get(`/api/segments/${segment.id}/report?limit=1`).expect(200)).body;
    expect(report.members).toBe(2);
    expect(report.size.points.at(-1).size).toBe(2);
    expect(report.top.map((s: { subscriberId: number }) => s.subscriberId)).toEqual([ids.A]);
    expect(report.atRisk).toMatchObject({ total: 1 });
    expect(report.atRisk.subscribers).toHaveLength(1);
  });

  it('recomputes exactly what the incremental path stored, by the job, the CLI and with a log tail at the swap, announcing nothing', async () => {
    await caughtUp();
    const before = { profiles: await profiles(), interests: await interests() };
    expect(before.profiles.map((p) => Number(p.subscriber_id))).toEqual([ids.A, ids.B]);
    expect(before.interests).toHaveLength(1);
    const heard = announced.length;

    const started = (await t.api().post('/api/scores/recompute').expect(202)).body;
    expect(started).toMatchObject({ status: 'queued', trigger: 'api' });
    const done = await waitUntil(
      () =>
        t
          .api()
          .get(`/api/scores/recompute/${started.id}`)
          .then((r) => r.body),
      (p) => p.status === 'finished' || p.status === 'failed',
      30_000,
      'the recompute job',
    );
    expect(done).toMatchObject({ status: 'finished', subscribersDone: 2, percent: 100 });
    expect({ profiles: await profiles(), interests: await interests() }).toEqual(before);

    // The CLI runs the same recompute in its own process; here with the app's providers.
    const out: string[] = [];
    const code = await runRecomputeCli(
      (type) => t.app.get(type),
      { write: () => true },
      { write: (s: string) => out.push(s) },
    );
    expect(code).toBe(0);
    expect(out.join('')).toMatch(/^recompute \d+: 2 profiles from \d+ events/);
    expect({ profiles: await profiles(), interests: await interests() }).toEqual(before);

    // As if the last 6 events had arrived while the stream ran: they are folded from the log at the swap.
    const recompute = t.app.get(RecomputeScores);
    const reader = (recompute as unknown as { reader: { settledHead(): Promise<number> } }).reader;
    const settledHead = reader.settledHead.bind(reader);
    reader.settledHead = async () => (await settledHead()) - 6;
    try {
      const cli: string[] = [];
      expect(
        await runRecomputeCli((type) => t.app.get(type), { write: () => true }, { write: (s: string) => cli.push(s) }),
      ).toBe(0);
      expect(cli.join('')).toMatch(/; 6 newer events folded in at the swap/);
    } finally {
      reader.settledHead = settledHead;
    }
    expect({ profiles: await profiles(), interests: await interests() }).toEqual(before);
    expect(announced.length).toBe(heard);

    // Two at once: the second is refused while the first is queued or running.
    const queue = t.app.get<Queue>(getQueueToken(SCORES_QUEUE));
    await queue.pause();
    const first = (await t.api().post('/api/scores/recompute').expect(202)).body;
    const second = await t.api().post('/api/scores/recompute').expect(409);
    expect(second.body.message).toContain(`run ${first.id}`);
    await queue.resume();
    await waitUntil(
      () =>
        t
          .api()
          .get(`/api/scores/recompute/${first.id}`)
          .then((r) => r.body.status),
      (s) => s === 'finished',
      30_000,
      'the recompute job',
    );
    await t.api().get('/api/scores/recompute/999999').expect(404);
  });

  it('queues a recompute when a worker starts with other value settings than the profiles were built with', async () => {
    const [recorded] = await rows<{ settings: string }>(t, "SELECT settings FROM value_model WHERE name = 'profiles'");
    expect(JSON.parse(recorded.settings)).toEqual({
      engagementHalfLifeDays: 30,
      halfLifeDays: 90,
      interestHalfLifeDays: 30,
      ltvCurrency: 'EUR',
      ltvMargin: 0.5,
      ltvMonths: 0,
    });
    const check = t.app.get(ModelSettingsCheck);
    await check.onApplicationBootstrap();
    expect(await count(t, 'score_recomputes', "trigger = 'settings'")).toBe(0);
    await ds.query(sql(ds, "UPDATE value_model SET settings = ? WHERE name = 'profiles'"), ['{"halfLifeDays":60}']);
    await check.onApplicationBootstrap();
    const [run] = await rows<{ id: number }>(t, "SELECT id FROM score_recomputes WHERE trigger = 'settings'");
    await waitUntil(
      () =>
        t
          .api()
          .get(`/api/scores/recompute/${run.id}`)
          .then((r) => r.body.status),
      (s) => s === 'finished',
      30_000,
      'the settings recompute',
    );
    expect(
      (await rows<{ settings: string }>(t, "SELECT settings FROM value_model WHERE name = 'profiles'"))[0].settings,
    ).toBe(recorded.settings);
  });

  it('keeps machine-flagged events out: adding more of them changes no stored profile', async () => {
    const before = { profiles: await profiles(), interests: await interests() };
    frozen = NOW + DAY;
    await readKnowledge('A', UA.mimecast);
    await readKnowledge('D', UA.bingPreview);
    await waitUntil(
      () =>
        eventCount('campaign_id = ? AND machine = ?', [campaign.knowledge, ds.options.type === 'postgres' ? true : 1]),
      (n) => n === 8,
      15_000,
      'the scanner hits',
    );
    await caughtUp();
    expect({ profiles: await profiles(), interests: await interests() }).toEqual(before);
    frozen = NOW;
  });

  it('forgets an erased or deleted subscriber, and a recompute does not bring the profile back', async () => {
    await t
      .api()
      .delete(`/api/subscribers/${ids.B}?erase=true`)
      .expect((r) => expect([200, 204]).toContain(r.status));
    const left = async () => (await profiles()).map((p) => Number(p.subscriber_id));
    expect(await left()).toEqual([ids.A]);
    const out: string[] = [];
    expect(
      await runRecomputeCli((type) => t.app.get(type), { write: () => true }, { write: (s: string) => out.push(s) }),
    ).toBe(0);
    expect(await left()).toEqual([ids.A]);
    const [row] = await ds.query(sql(ds, 'SELECT COUNT(*) AS n FROM value_profiles_rebuild'));
    expect(Number(row.n)).toBe(0);
    // Deleting (not erasing) a subscriber takes the profile and interests along.
    await t
      .api()
      .delete(`/api/subscribers/${ids.A}`)
      .expect((r) => expect([200, 204]).toContain(r.status));
    expect(await left()).toEqual([]);
    expect(await interests()).toEqual([]);
  });
});
