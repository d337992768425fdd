import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { dsnMessage } from '../src/bounces/fixtures';
import { dbBool, dbTime, readDbTime, sql } from '../src/common/db/sql-dialect';
import { sampleContent } from '../src/kinds/kind-content.registry';
import { UA } from '../src/tracking/machine-classifier.fixtures';
import { AudienceFixture, createAudience, waitUntil } from './support/fixtures';
import { actAsPerson, formAction, htmlFor, linksIn, postForm, sendKindCampaign } from './support/kinds';
import { startTestApp, TestApp } from './support/test-app';

// Addresses from documentation ranges for people; 17/8 with a bare UA is Apple's privacy proxy.
const PERSON_IP = '203.0.113.10';
const APPLE_PROXY_IP = '17.58.101.12';
const HOUR = 3_600_000;

describe('campaign report: GET /api/campaigns/:id/report and its CSV exports', () => {
  let t: TestApp;
  let ds: DataSource;
  const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> =>
    ds.query(sql(ds, text), params);

  const pixelOf = (email: string) =>
    new URL(/(http:\/\/127\.0\.0\.1:\d+\/o\/[A-Za-z0-9_-]+\.gif)/.exec(htmlFor(t, email))![1]).pathname;
  const redirectsOf = (email: string) => linksIn(t, htmlFor(t, email), 'r');
  const open = (email: string, ua: string, ip: string) =>
    t.http().get(pixelOf(email)).set('User-Agent', ua).set('X-Forwarded-For', ip).expect(200);
  const click = (path: string, ua: string) =>
    t.http().get(path).set('User-Agent', ua).set('X-Forwarded-For', PERSON_IP).expect(302);
  /** The drain writes hits asynchronously: wait until the campaign has this many opens and clicks. */
  const drained = (campaignId: number, opens: number, clicks: number) =>
    waitUntil(
      () =>
        q<{ type: string; n: unknown }>(
          "SELECT type, COUNT(*) AS n FROM events WHERE campaign_id = ? AND type IN ('open', 'click') GROUP BY type",
          [campaignId],
        ),
      (rows) =>
        Number(rows.find((r) => r.type === 'open')?.n ?? 0) >= opens &&
        Number(rows.find((r) => r.type === 'click')?.n ?? 0) >= clicks,
      15_000,
      `campaign ${campaignId} to have ${opens} opens and ${clicks} clicks`,
    );
  const report = async (id: number) => (await t.api().get(`/api/campaigns/${id}/report`).expect(200)).body;
  const csv = async (path: string) => {
    const res = await t.api().get(path).buffer(true).parse(textBody).expect(200);
    return { res, records: parse(res.body as string, { bom: true, columns: true }) as Array<Record<string, string>> };
  };

  beforeAll(async () => {
    // No "too soon after delivery" window: the test reads its mail the moment it arrives.
    t = await startTestApp({
      env: { SCHEDULER_TICK_MS: '200', MACHINE_OPEN_WINDOW_SECONDS: '0', MACHINE_CLICK_WINDOW_SECONDS: '0' },
    });
    ds = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('an NPS poll', () => {
    let audience: AudienceFixture;
    let id: number;

    beforeAll(async () => {
      audience = await createAudience(t, 5, { prefix: 'poll' });
      id = await sendKindCampaign(t, 'poll', sampleContent('poll'), audience.listId);
      const [p0, p1, p2, p3, p4] = audience.emails;
      const answer = async (email: string, value: string) => {
        const link = linksIn(t, htmlFor(t, email), 'p').find((l) => l.endsWith(`/${value}`))!;
        return (await actAsPerson(t, [link]))[0];
      };
      // p0: opens in a mail client, answers 10 with a comment.
      await open(p0, UA.appleMail, PERSON_IP);
      const thanks = await answer(p0, '10');
      await postForm(t, formAction(thanks.text), { comment: 'Great tea' }).expect(200);
      // p1: only Apple's privacy proxy fetched the pixel, but the person answered 3.
      await open(p1, UA.appleBare, APPLE_PROXY_IP);
      await answer(p1, '3');
      // p2: the proxy prefetched, then the person opened twice; no answer.
      await open(p2, UA.appleBare, APPLE_PROXY_IP);
      await open(p2, UA.iphoneMail, PERSON_IP);
      await open(p2, UA.iphoneMail, PERSON_IP);
      // p3: answers 8 with images off, then unsubscribes with one click.
      await answer(p3, '8');
      const unsubscribe = linksIn(t, htmlFor(t, p3), 'u')[0];
      await request(t.baseUrl).post(unsubscribe).type('form').send({ 'List-Unsubscribe': 'One-Click' }).expect(200);
      // p4: hard bounce reported by the receiving server.
      const mail = t.sink.to(p4)[0];
      await t
        .api()
        .post('/api/bounces')
        .send({ message: dsnMessage({ to: mail.envelopeFrom, recipient: p4, messageId: mail.parsed.messageId! }) })
        .expect(200);
      await drained(id, 5, 0);
    });

    it('shows the funnel with human and machine opens apart and the poll answer as the action', async () => {
      const r = await report(id);
      expect(r.campaign).toMatchObject({ id, kind: 'poll', status: 'finished', name: 'poll test' });
      // 5 sent, p4 bounced: 4 delivered. Pixel opens by people: p0, p2; by a machine only: p1; acted p0, p1, p3.
      // One who answered from the mail opened and clicked it: opened p0, p1, p2, p3 (p1 and p3 inferred); clicked p0, p1, p3 (all inferred).
      expect(r.funnel.steps).toEqual([
        { key: 'recipients', label: 'Recipients', count: 5, rate: 1, rateOf: 'recipients' },
        { key: 'sent', label: 'Sent', count: 5, rate: 1, rateOf: 'recipients' },
        { key: 'delivered', label: 'Delivered', count: 4, rate: 0.8, rateOf: 'recipients' },
        { key: 'opened', label: 'Opened', count: 4, rate: 1, rateOf: 'delivered' },
        { key: 'clicked', label: 'Clicked', count: 3, rate: 0.75, rateOf: 'delivered' },
        { key: 'acted', label: 'Acted', count: 3, rate: 0.75, rateOf: 'delivered' },
      ]);
      expect(r.funnel.byStatus).toEqual({ queued: 0, sending: 0, sent: 5, failed: 0, suppressed: 0, uncertain: 0 });
      expect(r.funnel.opened).toEqual({
        human: { count: 4, rate: 1, rateOf: 'delivered' },
        inferred: 2,
        machineOnly: { count: 1, rate: 0.25, rateOf: 'delivered' },
        humanOpens: 3, // p0 once, p2 twice
        machineOpens: 2, // the proxy for p1 and p2
      });
      expect(r.funnel.clicked).toEqual({
        human: { count: 3, rate: 0.75, rateOf: 'delivered' },
        inferred: 3,
        humanClicks: 0,
        machineClicks: 0,
      });
      expect(r.funnel.acted).toEqual({
        count: 3,
        rate: 0.75,
        rateOf: 'delivered',
        action: 'answered the poll',
        eventTypes: ['poll_answered'],
      });
    });

    it('carries the poll report: NPS, the 0–10 distribution and the comment', async () => {
      const r = await report(id);
      expect(r.kindBlock.kind).toBe('poll');
      // 10 promoter, 8 passive, 3 detractor: (1 − 1) / 3 = 0.
      expect(r.kindBlock.report).toMatchObject({
        sent: 5,
        answers: 3,
        responseRate: 0.6,
        nps: { score: 0, promoters: 1, passives: 1, detractors: 1 },
      });
      const distribution = Object.fromEntries(
        r.kindBlock.report.distribution.map((d: { value: string; count: number }) => [d.value, d.count]),
      );
      expect(distribution).toEqual({ 0: 0, 1: 0, 2: 0, 3: 1, 4: 0, 5: 0, 6: 0, 7: 0, 8: 1, 9: 0, 10: 1 });
      expect(r.kindBlock.report.comments).toEqual([expect.objectContaining({ value: '10', comment: 'Great tea' })]);
    });

    it('counts the emotional value delivered, the bounce and the unsubscribe', async () => {
      const r = await report(id);
      // poll weighs emotional 1: 3 human opens × 1 + 3 answers × 5 = 18; per delivered recipient 18 / 4.
      expect(r.value).toEqual({
        dimensions: [
          { dimension: 'functional', total: 0, perDeliveredRecipient: 0 },
          { dimension: 'economic', total: 0, perDeliveredRecipient: 0 },
          { dimension: 'emotional', total: 18, perDeliveredRecipient: 4.5 },
          { dimension: 'symbolic', total: 0, perDeliveredRecipient: 0 },
        ],
        total: 18,
        perDeliveredRecipient: 4.5,
        byEventType: [
          { type: 'open', events: 3, strength: 1, points: 3 },
          { type: 'poll_answered', events: 3, strength: 5, points: 15 },
        ],
      });
      expect(r.deliverability).toEqual({
        failed: { count: 0, rate: 0, rateOf: 'recipients' },
        suppressed: { count: 0, rate: 0, rateOf: 'recipients' },
        hardBounces: { count: 1, rate: 0.2, rateOf: 'sent' },
        softBounces: { count: 0, rate: 0, rateOf: 'sent' },
        complaints: { count: 0, rate: 0, rateOf: 'delivered' },
        unsubscribes: { count: 1, rate: 0.25, rateOf: 'delivered' },
      });
      expect(r.revenue).toEqual({ conversions: 0, purchases: 0, byCurrency: [] });
    });

    it('draws opens per hour from the send start, empty hours included', async () => {
      // As if the send had started 2½ hours ago: the first hours of the chart have no opens.
      const startedAt = new Date(Date.now() - 2.5 * HOUR);
      await q('UPDATE campaigns SET started_at = ? WHERE id = ?', [dbTime(ds, startedAt), id]);
      const before = Date.now();
      const r = await report(id);
      const after = Date.now();
      const hourOf = (ms: number) => Math.floor(ms / HOUR) * HOUR;
      expect(r.timeline.from).toBe(new Date(hourOf(startedAt.getTime())).toISOString());
      expect([hourOf(before), hourOf(after)].map((h) => new Date(h).toISOString())).toContain(r.timeline.to);
      const hours = (Date.parse(r.timeline.to) - Date.parse(r.timeline.from)) / HOUR + 1;
      expect(r.timeline.points).toHaveLength(hours);
      expect(hours).toBeGreaterThanOrEqual(3);

      // Expected buckets from the stored opens, truncated to the hour here in the test.
      const opens = await q<{ occurred_at: unknown; machine: unknown }>(
        "SELECT occurred_at, machine FROM events WHERE campaign_id = ? AND type = 'open'",
        [id],
      );
      const expected = new Map<string, { humanOpens: number; machineOpens: number }>();
      for (const o of opens) {
        const hour = new Date(hourOf(readDbTime(o.occurred_at).getTime())).toISOString();
        const bucket = expected.get(hour) ?? { humanOpens: 0, machineOpens: 0 };
        if (o.machine === true || Number(o.machine) === 1) bucket.machineOpens++;
        else bucket.humanOpens++;
        expected.set(hour, bucket);
      }
      for (const [i, point] of r.timeline.points.entries()) {
        expect(point).toEqual({
          hour: new Date(Date.parse(r.timeline.from) + i * HOUR).toISOString(),
          humanOpens: 0,
          machineOpens: 0,
          humanClicks: 0,
          machineClicks: 0,
          ...expected.get(point.hour),
        });
      }
      const sum = (key: string) => r.timeline.points.reduce((a: number, p: Record<string, number>) => a + p[key], 0);
      expect([sum('humanOpens'), sum('machineOpens'), sum('humanClicks')]).toEqual([3, 2, 0]);
      // The first two hours (2½ hours ago and 1½) had nothing.
      expect(
        r.timeline.points.slice(0, 2).every((p: Record<string, number>) => p.humanOpens + p.machineOpens === 0),
      ).toBe(true);
    });

    it('exports one row per recipient with the answer, opens and value', async () => {
      const { res, records } = await csv(`/api/campaigns/${id}/recipients.csv`);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="campaign-${id}-recipients.csv"`);
      expect(records).toHaveLength(5);
      const byEmail = new Map(records.map((r) => [r.email, r]));
      const [p0, p1, p2, p3, p4] = audience.emails;
      const firstOpen = await q<{ at: unknown }>(
        "SELECT MIN(occurred_at) AS at FROM events WHERE campaign_id = ? AND subscriber_id = ? AND type = 'open' AND machine = ?",
        [id, audience.subscriberIds[0], dbBool(ds, false)],
      );
      expect(byEmail.get(p0)).toEqual({
        email: p0,
        name: 'Klant 0',
        delivery_status: 'sent',
        bounce: '',
        sent_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        opened: 'yes',
        first_open_at: readDbTime(firstOpen[0].at).toISOString(),
        opens: '1',
        clicked: 'no',
        clicks: '0',
        acted: 'yes',
        poll_answer: '10',
        poll_comment: 'Great tea',
        answered_at: expect.stringMatching(/^\d{4}-/),
        // 1 open + 1 answer × 5, emotional only
        value_delivered: '6',
        value_functional: '0',
        value_economic: '0',
        value_emotional: '6',
        value_symbolic: '0',
      });
      expect(byEmail.get(p1)).toMatchObject({
        opened: 'no',
        opens: '0',
        first_open_at: '',
        acted: 'yes',
        poll_answer: '3',
        value_emotional: '5',
      });
      expect(byEmail.get(p2)).toMatchObject({
        opened: 'yes',
        opens: '2',
        acted: 'no',
        poll_answer: '',
        value_delivered: '2',
      });
      expect(byEmail.get(p3)).toMatchObject({ opened: 'no', acted: 'yes', poll_answer: '8', value_delivered: '5' });
      expect(byEmail.get(p4)).toMatchObject({
        delivery_status: 'sent',
        bounce: 'hard',
        opened: 'no',
        acted: 'no',
        value_delivered: '0',
      });
    });

    it('exports the report as section,metric,value rows', async () => {
      const { res, records } = await csv(`/api/campaigns/${id}/report.csv`);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="campaign-${id}-report.csv"`);
      const value = (section: string, metric: string) =>
        records.find((r) => r.section === section && r.metric === metric)?.value;
      expect(value('campaign', 'kind')).toBe('poll');
      expect(value('funnel', 'steps[delivered].count')).toBe('4');
      expect(value('funnel', 'opened.machineOnly.count')).toBe('1');
      expect(value('funnel', 'steps[acted].rate')).toBe('0.75');
      expect(value('kind', 'nps.score')).toBe('0');
      expect(value('kind', 'distribution[10].count')).toBe('1');
      expect(value('kind', 'comments[10].comment')).toBe('Great tea'); // named by the answer it came with
      expect(value('value', 'dimensions[emotional].total')).toBe('18');
      expect(value('deliverability', 'unsubscribes.count')).toBe('1');
      const hourly = records.filter((r) => r.section === 'timeline' && r.metric.endsWith('].humanOpens'));
      expect(hourly.reduce((a, r) => a + Number(r.value), 0)).toBe(3);
    });
  });

  describe('a trial offer', () => {
    let audience: AudienceFixture;
    let id: number;

    beforeAll(async () => {
      audience = await createAudience(t, 4, { prefix: 'trial' });
      id = await sendKindCampaign(
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
          shopUrl: 'https://shop.example/pro',
          shopLabel: 'See Pro',
        },
        audience.listId,
      );
      const [d0, d1, d2] = audience.emails;
      const startTrial = async (email: string) => {
        await actAsPerson(t, [linksIn(t, htmlFor(t, email), 't')[0]]);
      };
      // d0 opens, clicks the shop link and starts the trial; d1 clicks (images off) and starts it; a link scanner clicks for d2.
      await open(d0, UA.chrome, PERSON_IP);
      await click(redirectsOf(d0)[0], UA.chrome);
      await startTrial(d0);
      await click(redirectsOf(d1)[0], UA.chrome);
      await startTrial(d1);
      await click(redirectsOf(d2)[0], UA.proofpoint);
      // d0's implied-open-free click, d1's and d2's implied opens: 3 opens, 3 clicks.
      await drained(id, 3, 3);
      const post = (path: string, key: string, body: object) =>
        t.api().post(path).set('Idempotency-Key', key).send(body).expect(201);
      // d0 pays for Pro and buys tea: both credited to this campaign (its last human action).
      // Reported a little later: after the trial, which counted at the time of its click.
      const paidAt = new Date(Date.now() + 2 * 60_000).toISOString();
      await post('/api/events/conversions', 'report-conv-1', {
        email: d0,
        plan: 'Pro',
        amount: 49,
        currency: 'EUR',
        at: paidAt,
      });
      await post('/api/events/purchases', 'report-buy-1', {
        email: d0,
        orderId: 'report-o-1',
        amount: 20,
        currency: 'EUR',
        at: paidAt,
      });
      // d3 never acted on the campaign: the purchase is credited to nothing.
      await post('/api/events/purchases', 'report-buy-2', {
        email: audience.emails[3],
        orderId: 'report-o-2',
        amount: 35,
        currency: 'EUR',
      });
    });

    it('shows the funnel, trial→paid beside the 20% benchmark, the economic value and the revenue', async () => {
      const r = await report(id);
      expect(r.funnel.steps.map((s: { key: string; count: number; rate: number }) => [s.key, s.count, s.rate])).toEqual(
        [
          ['recipients', 4, 1],
          ['sent', 4, 1],
          ['delivered', 4, 1],
          ['opened', 2, 0.5],
          ['clicked', 2, 0.5],
          ['acted', 2, 0.5],
        ],
      );
      expect(r.funnel.opened).toMatchObject({
        human: { count: 2 },
        machineOnly: { count: 1, rate: 0.25 },
        humanOpens: 2,
        machineOpens: 1,
      });
      expect(r.funnel.clicked).toEqual({
        human: { count: 2, rate: 0.5, rateOf: 'delivered' },
        inferred: 0,
        humanClicks: 2,
        machineClicks: 1,
      });
      expect(r.funnel.acted).toMatchObject({ count: 2, action: 'redeemed the coupon or started the trial' });
      expect(r.kindBlock).toEqual({
        kind: 'discount',
        report: expect.objectContaining({
          trialStarts: 2,
          conversions: 1,
          trialToPaidRate: 0.5,
          trialToPaidBenchmark: 0.2,
          redemptions: 0,
        }),
      });
      // discount weighs economic 1: 2 opens + 2 clicks × 3 + 2 trials × 5 + 1 conversion × 5 = 23 (a purchase is not an interaction).
      expect(r.value.dimensions).toEqual([
        { dimension: 'functional', total: 0, perDeliveredRecipient: 0 },
        { dimension: 'economic', total: 23, perDeliveredRecipient: 5.75 },
        { dimension: 'emotional', total: 0, perDeliveredRecipient: 0 },
        { dimension: 'symbolic', total: 0, perDeliveredRecipient: 0 },
      ]);
      expect(r.revenue).toEqual({
        conversions: 1,
        purchases: 1,
        byCurrency: [
          { currency: 'EUR', conversions: 1, conversionAmount: 49, purchases: 1, purchaseAmount: 20, total: 69 },
        ],
      });
      expect(r.timeline.points.reduce((a: number, p: Record<string, number>) => a + p.humanClicks, 0)).toBe(2);
      expect(r.timeline.points.reduce((a: number, p: Record<string, number>) => a + p.machineClicks, 0)).toBe(1);
    });

    it('exports the trial and conversion of each recipient', async () => {
      const { records } = await csv(`/api/campaigns/${id}/recipients.csv`);
      expect(records.map((r) => r.email)).toEqual(audience.emails);
      const [d0, d1, d2, d3] = records;
      expect(d0).toMatchObject({
        opened: 'yes',
        clicked: 'yes',
        clicks: '1',
        acted: 'yes',
        coupon_code: '',
        trial_started_at: expect.stringMatching(/^\d{4}-/),
        trial_converted: 'yes',
        value_economic: '14',
      });
      expect(d1).toMatchObject({
        opened: 'yes',
        clicked: 'yes',
        acted: 'yes',
        trial_converted: 'no',
        value_economic: '9',
      });
      expect(d2).toMatchObject({
        opened: 'no',
        clicked: 'no',
        clicks: '0',
        acted: 'no',
        trial_started_at: '',
        value_delivered: '0',
      });
      expect(d3).toMatchObject({ opened: 'no', acted: 'no', trial_converted: '', value_delivered: '0' });
    });
  });

  describe('knowledge items', () => {
    it('counts a human click on an item as the action, per item and topic', async () => {
      const audience = await createAudience(t, 3, { prefix: 'know' });
      const id = await sendKindCampaign(t, 'knowledge', sampleContent('knowledge'), audience.listId);
      const [k0, k1] = audience.emails;
      // Link 1 is the pairing course. k0 clicks it; a scanner clicks link 0 for k1.
      await click(
        redirectsOf(k0).find((l) => l.endsWith('/1'))!,
        UA.chrome,
      );
      await click(
        redirectsOf(k1).find((l) => l.endsWith('/0'))!,
        UA.proofpoint,
      );
      await drained(id, 2, 2);
      const r = await report(id);
      expect(r.funnel.steps.map((s: { key: string; count: number }) => s.count)).toEqual([3, 3, 3, 1, 1, 1]);
      expect(r.funnel.acted).toMatchObject({ rate: 0.3333, action: 'clicked a knowledge item' });
      expect(r.funnel.clicked).toMatchObject({ humanClicks: 1, machineClicks: 1 });
      const pairing = r.kindBlock.report.items.find((i: { topic: string }) => i.topic === 'pairing');
      expect(pairing).toMatchObject({ clicks: 1, uniqueClickers: 1 });
      expect(r.kindBlock.report.topics).toEqual([{ topic: 'pairing', clicks: 1, uniqueClickers: 1 }]);
      // knowledge weighs functional 1: k0's implied open (1) and click (3).
      expect(r.value.dimensions.find((d: { dimension: string }) => d.dimension === 'functional')).toEqual({
        dimension: 'functional',
        total: 4,
        perDeliveredRecipient: 1.3333,
      });
      const { records } = await csv(`/api/campaigns/${id}/recipients.csv`);
      expect(records.map((x) => [x.acted, x.items_clicked, x.topics_clicked, x.value_functional])).toEqual([
        ['yes', 'Free online course: tea and food pairing', 'pairing', '4'],
        ['no', '', '', '0'],
        ['no', '', '', '0'],
      ]);
    });
  });

  describe('loyalty points', () => {
    it('counts a collected bonus and a later redemption as actions, with points issued and redeemed', async () => {
      const audience = await createAudience(t, 3, { prefix: 'loyal' });
      const id = await sendKindCampaign(t, 'loyalty', sampleContent('loyalty'), audience.listId);
      // l0 collects the 150-point bonus from the mail.
      const bonus = linksIn(t, htmlFor(t, audience.emails[0]), 'l')[0];
      await actAsPerson(t, [bonus]);
      // l1 spends 100 points at the till after the mail (a redemption names no campaign).
      const l1 = audience.subscriberIds[1];
      await t.api().post(`/api/subscribers/${l1}/points/adjust`).send({ points: 200, reason: 'Welcome' }).expect(200);
      await t
        .api()
        .post(`/api/subscribers/${l1}/points/redeem`)
        .send({ points: 100, reason: 'Free pot of tea' })
        .expect(200);
      const r = await report(id);
      expect(r.funnel.acted).toMatchObject({
        count: 2,
        rate: 0.6667,
        eventTypes: ['bonus_collected', 'points_redeemed'],
      });
      expect(r.kindBlock).toEqual({
        kind: 'loyalty',
        report: expect.objectContaining({
          bonusCredited: 1,
          pointsIssued: 150,
          redemptionsAfter: 1,
          pointsRedeemedAfter: 100,
        }),
      });
      // loyalty weighs economic 1, emotional 0.5: the bonus (5) is the campaign's only valued event.
      expect(r.value).toMatchObject({ total: 7.5, perDeliveredRecipient: 2.5 });
      expect(r.value.dimensions.map((d: { total: number }) => d.total)).toEqual([0, 5, 2.5, 0]);
      const { records } = await csv(`/api/campaigns/${id}/recipients.csv`);
      expect(
        records.map((x) => [
          x.acted,
          x.points_balance_at_send,
          x.points_earned,
          x.points_redeemed_after,
          x.value_delivered,
        ]),
      ).toEqual([
        ['yes', '0', '150', '0', '7.5'],
        ['yes', '0', '0', '100', '0'],
        ['no', '0', '0', '0', '0'],
      ]);
    });
  });

  describe('gift, contest and service', () => {
    it('reports a gift claim and exports it per recipient', async () => {
      const audience = await createAudience(t, 2, { prefix: 'gift' });
      const id = await sendKindCampaign(t, 'gift', sampleContent('gift'), audience.listId);
      const link = linksIn(t, htmlFor(t, audience.emails[1]), 'g')[0];
      await postForm(t, formAction((await t.http().get(link).expect(200)).text), {
        name: 'An de Vries',
        street: 'Kerkstraat 1',
        postcode: '1011 AB',
        city: 'Amsterdam',
        country: 'NL',
      }).expect(200);
      const r = await report(id);
      expect(r.funnel.acted).toMatchObject({ count: 1, rate: 0.5, action: 'claimed the gift' });
      expect(r.kindBlock).toEqual({
        kind: 'gift',
        report: { campaignId: id, sent: 2, claims: 1, claimRate: 0.5, stock: 500, stockLeft: 499 },
      });
      // gift weighs emotional 1: one claim × 5.
      expect(r.value).toMatchObject({ total: 5, perDeliveredRecipient: 2.5 });
      const { records } = await csv(`/api/campaigns/${id}/recipients.csv`);
      expect(records.map((x) => [x.acted, x.gift_claimed, x.value_emotional])).toEqual([
        ['no', 'no', '0'],
        ['yes', 'yes', '5'],
      ]);
    });

    it('reports contest entries and referrals and exports the entries per recipient', async () => {
      const audience = await createAudience(t, 3, { prefix: 'win' });
      const id = await sendKindCampaign(
        t,
        'contest',
        {
          title: 'Win a year of tea',
          rules: 'One entry each.',
          prize: 'Twelve tasting boxes',
          winners: 1,
          startsAt: new Date(Date.now() - 60_000).toISOString(),
          endsAt: new Date(Date.now() + 3_600_000).toISOString(),
          entryQuestion: 'Which tea?',
          referralBonusEntries: 2,
        },
        audience.listId,
      );
      const enter = (email: string) =>
        postForm(t, linksIn(t, htmlFor(t, email), 'c')[0], { answer: 'Sencha' }).expect(200);
      const entered = await enter(audience.emails[0]);
      await enter(audience.emails[2]);
      // A friend of c0 joins through c0's referral link: c0 gets 2 bonus entries.
      const referral = /value="(http[^"]+\/c\/ref\/[A-Z0-9]+)"/.exec(entered.text)![1].replace(t.baseUrl, '');
      await postForm(t, formAction((await t.http().get(referral).expect(200)).text), {
        email: 'report-friend@example.com',
        name: 'Friend',
      }).expect(200);
      const r = await report(id);
      expect(r.funnel.acted).toMatchObject({ count: 2, rate: 0.6667, action: 'entered the contest' });
      expect(r.kindBlock.report).toMatchObject({
        entries: 2,
        bonusEntries: 2,
        referralsCredited: 1,
        referralsPending: 0,
        winners: [],
      });
      // contest weighs emotional 1, symbolic 0.5: two entries × 5.
      expect(r.value.dimensions.map((d: { total: number }) => d.total)).toEqual([0, 0, 10, 5]);
      const { records } = await csv(`/api/campaigns/${id}/recipients.csv`);
      expect(records.map((x) => [x.acted, x.contest_entries, x.referrals_credited, x.value_delivered])).toEqual([
        ['yes', '3', '1', '7.5'],
        ['no', '0', '0', '0'],
        ['yes', '1', '0', '7.5'],
      ]);
    });

    it('reports service requests per offer and exports them per recipient', async () => {
      const audience = await createAudience(t, 2, { prefix: 'serv' });
      const id = await sendKindCampaign(t, 'service', sampleContent('service'), audience.listId);
      const links = linksIn(t, htmlFor(t, audience.emails[0]), 's');
      await actAsPerson(t, [links[0], links[1]]);
      const r = await report(id);
      expect(r.funnel.acted).toMatchObject({ count: 1, rate: 0.5, action: 'requested a service' });
      expect(r.kindBlock.report.requests).toBe(2);
      expect(r.kindBlock.report.offers.map((o: { title: string; requests: number }) => [o.title, o.requests])).toEqual([
        ['Free gift wrapping', 1],
        ['Help choosing a gift', 1],
      ]);
      // service weighs functional 1, emotional 0.5: two requests × 5.
      expect(r.value.dimensions.map((d: { total: number }) => d.total)).toEqual([10, 0, 5, 0]);
      const { records } = await csv(`/api/campaigns/${id}/recipients.csv`);
      expect(records.map((x) => [x.acted, x.service_requests, x.service_offers, x.value_delivered])).toEqual([
        ['yes', '2', 'Free gift wrapping; Help choosing a gift', '15'],
        ['no', '0', '', '0'],
      ]);
    });
  });

  it('answers 404 for a campaign that does not exist', async () => {
    for (const path of [
      '/api/campaigns/987654/report',
      '/api/campaigns/987654/report.csv',
      '/api/campaigns/987654/recipients.csv',
    ]) {
      const res = await t.api().get(path).expect(404);
      expect(res.body.message).toBe('Campaign 987654 does not exist');
    }
  });
});

function textBody(res: request.Response, cb: (err: Error | null, body: string) => void): void {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (text += chunk));
  res.on('end', () => cb(null, text));
}
