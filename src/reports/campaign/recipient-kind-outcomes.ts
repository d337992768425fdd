import type { DataSource } from 'typeorm';
import type { Campaign } from '../../campaigns/campaign.entity';
import { dbBool, dbTime, jsonNumber, readDbTime, sql } from '../../common/db/sql-dialect';
import type { DiscountContent } from '../../kinds/discount/discount.content';
import { itemsByLinkIndex } from '../../kinds/knowledge/knowledge-links';
import type { KnowledgeContent } from '../../kinds/knowledge/knowledge.content';
import { loyaltySince } from '../../kinds/loyalty/loyalty-report';
import type { PollContent } from '../../kinds/poll/poll.content';
import { pollAnswers } from '../../kinds/poll/poll.content';

export interface RecipientPageRow {
  subscriberId: number;
  /** deliveries.kind_data: what fan-out fixed for this recipient (coupon code, balance shown...). */
  kindData: Record<string, unknown> | null;
}

/** The kind's outcome columns of recipients.csv, loaded for one page of recipients at a time. */
export interface KindOutcomeColumns {
  header: string[];
  load(ds: DataSource, campaign: Campaign, page: RecipientPageRow[]): Promise<Map<number, unknown[]>>;
}

const yes = (b: boolean): string => (b ? 'yes' : 'no');
const iso = (v: unknown): string => (v === null || v === undefined ? '' : readDbTime(v).toISOString());

/** Runs `text` with `(#)` standing for the page's subscriber ids, bound after `params`. */
async function forPage<T>(ds: DataSource, text: string, params: unknown[], page: RecipientPageRow[]): Promise<T[]> {
  const ids = page.map((r) => r.subscriberId);
  if (ids.length === 0) return [];
  return ds.query(sql(ds, text.replace('(#)', `(${ids.map(() => '?').join(', ')})`)), [...params, ...ids]);
}

function byId<T extends { subscriber_id: unknown }>(rows: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const r of rows) map.set(Number(r.subscriber_id), [...(map.get(Number(r.subscriber_id)) ?? []), r]);
  return map;
}

function fill(page: RecipientPageRow[], row: (r: RecipientPageRow) => unknown[]): Map<number, unknown[]> {
  return new Map(page.map((r) => [r.subscriberId, row(r)]));
}

const poll: KindOutcomeColumns = {
  header: ['poll_answer', 'poll_comment', 'answered_at'],
  async load(ds, campaign, page) {
    const labels = new Map(pollAnswers(campaign.content as unknown as PollContent).map((a) => [a.value, a.label]));
    const rows = byId(await forPage<{ subscriber_id: unknown; value: string; comment: string | null; answered_at: unknown }>(ds,
      'SELECT subscriber_id, value, comment, answered_at FROM poll_answers WHERE campaign_id = ? AND subscriber_id IN (#)', [campaign.id], page));
    return fill(page, (r) => {
      const a = rows.get(r.subscriberId)?.[0];
      return a ? [labels.get(a.value) ?? a.value, a.comment ?? '', iso(a.answered_at)] : ['', '', ''];
    });
  },
};

const discount: KindOutcomeColumns = {
  header: ['coupon_code', 'coupon_redeemed', 'redeemed_amount', 'trial_started_at', 'trial_converted'],
  async load(ds, campaign, page) {
    const content = campaign.content as unknown as DiscountContent;
    const redeemed = byId(await forPage<{ subscriber_id: unknown; n: unknown; amount: unknown }>(ds,
      "SELECT subscriber_id, COUNT(*) AS n, SUM(amount) AS amount FROM coupon_redemptions WHERE campaign_id = ? AND status = 'redeemed' AND subscriber_id IN (#) GROUP BY subscriber_id",
      [campaign.id], page));
    // Converted as the discount report counts it: a conversion of the same subscriber after the trial started.
    const trials = byId(await forPage<{ subscriber_id: unknown; started_at: unknown; converted: unknown }>(ds,
      `SELECT t.subscriber_id, t.started_at, (SELECT COUNT(*) FROM events e WHERE e.type = 'conversion' AND e.subscriber_id = t.subscriber_id
         AND e.occurred_at >= t.started_at AND (e.campaign_id IS NULL OR e.campaign_id = t.campaign_id)) AS converted
       FROM trials t WHERE t.campaign_id = ? AND t.subscriber_id IN (#)`, [campaign.id], page));
    const isTrial = content.offerType === 'trial';
    return fill(page, (r) => {
      const code = isTrial ? '' : String(r.kindData?.couponCode ?? content.sharedCode ?? '');
      const red = redeemed.get(r.subscriberId)?.[0];
      const trial = trials.get(r.subscriberId)?.[0];
      return [
        code, isTrial ? '' : yes(!!red), red ? Math.round(Number(red.amount) * 100) / 100 : '',
        trial ? iso(trial.started_at) : '', trial ? yes(Number(trial.converted) > 0) : '',
      ];
    });
  },
};

const loyalty: KindOutcomeColumns = {
  header: ['points_balance_at_send', 'points_earned', 'points_redeemed_after'],
  async load(ds, campaign, page) {
    const earned = byId(await forPage<{ subscriber_id: unknown; p: unknown }>(ds,
      "SELECT subscriber_id, SUM(points) AS p FROM points_ledger WHERE campaign_id = ? AND entry_type = 'earn' AND subscriber_id IN (#) GROUP BY subscriber_id", [campaign.id], page));
    // Redemptions carry no campaign: the recipient's after the send count, as in the loyalty report.
    const redeemed = byId(await forPage<{ subscriber_id: unknown; p: unknown }>(ds,
      "SELECT subscriber_id, SUM(-points) AS p FROM points_ledger WHERE entry_type = 'redeem' AND created_at >= ? AND subscriber_id IN (#) GROUP BY subscriber_id",
      [dbTime(ds, loyaltySince(campaign))], page));
    return fill(page, (r) => [
      r.kindData?.pointsBalance ?? '', Number(earned.get(r.subscriberId)?.[0]?.p ?? 0), Number(redeemed.get(r.subscriberId)?.[0]?.p ?? 0),
    ]);
  },
};

const gift: KindOutcomeColumns = {
  header: ['gift_claimed', 'gift_code', 'claimed_at'],
  async load(ds, campaign, page) {
    const claims = byId(await forPage<{ subscriber_id: unknown; code: string | null; claimed_at: unknown }>(ds,
      "SELECT subscriber_id, code, claimed_at FROM gift_claims WHERE campaign_id = ? AND status = 'claimed' AND subscriber_id IN (#)", [campaign.id], page));
    return fill(page, (r) => {
      const c = claims.get(r.subscriberId)?.[0];
      return [yes(!!c), c?.code ?? '', c ? iso(c.claimed_at) : ''];
    });
  },
};

const contest: KindOutcomeColumns = {
  header: ['contest_entries', 'referrals_credited', 'winner_position'],
  async load(ds, campaign, page) {
    const entries = byId(await forPage<{ subscriber_id: unknown; bonus_entries: unknown }>(ds,
      'SELECT subscriber_id, bonus_entries FROM contest_entries WHERE campaign_id = ? AND subscriber_id IN (#)', [campaign.id], page));
    const referrals = byId(await forPage<{ subscriber_id: unknown; n: unknown }>(ds,
      "SELECT referrer_subscriber_id AS subscriber_id, COUNT(*) AS n FROM contest_referrals WHERE campaign_id = ? AND status = 'credited' AND referrer_subscriber_id IN (#) GROUP BY referrer_subscriber_id",
      [campaign.id], page));
    const winners = byId(await forPage<{ subscriber_id: unknown; position: unknown }>(ds,
      "SELECT subscriber_id, position FROM contest_winners WHERE campaign_id = ? AND status = 'won' AND subscriber_id IN (#)", [campaign.id], page));
    return fill(page, (r) => {
      const e = entries.get(r.subscriberId)?.[0];
      return [e ? 1 + Number(e.bonus_entries) : 0, Number(referrals.get(r.subscriberId)?.[0]?.n ?? 0), winners.get(r.subscriberId)?.[0]?.position ?? ''];
    });
  },
};

const service: KindOutcomeColumns = {
  header: ['service_requests', 'service_offers'],
  async load(ds, campaign, page) {
    const requests = byId(await forPage<{ subscriber_id: unknown; offer_title: string }>(ds,
      'SELECT subscriber_id, offer_title FROM service_requests WHERE campaign_id = ? AND subscriber_id IN (#) ORDER BY offer_index', [campaign.id], page));
    return fill(page, (r) => {
      const mine = requests.get(r.subscriberId) ?? [];
      return [mine.length, mine.map((m) => m.offer_title).join('; ')];
    });
  },
};

const knowledge: KindOutcomeColumns = {
  header: ['items_clicked', 'topics_clicked'],
  async load(ds, campaign, page) {
    const items = itemsByLinkIndex(campaign.links ?? [], campaign.content as unknown as KnowledgeContent);
    const clicks = byId(await forPage<{ subscriber_id: unknown; link: unknown }>(ds,
      `SELECT subscriber_id, ${jsonNumber(ds, 'data', 'index')} AS link FROM events WHERE campaign_id = ? AND type IN ('click', 'knowledge_click') AND machine = ?
       AND subscriber_id IN (#) GROUP BY subscriber_id, ${jsonNumber(ds, 'data', 'index')}`, [campaign.id, dbBool(ds, false)], page));
    return fill(page, (r) => {
      const hit = (clicks.get(r.subscriberId) ?? []).map((c) => items.get(Number(c.link))).filter((h) => h !== undefined);
      const titles = [...new Set(hit.map((h) => h.item.title))];
      const topics = [...new Set(hit.map((h) => h.item.topic))];
      return [titles.join('; '), topics.join('; ')];
    });
  },
};

export const KIND_OUTCOME_COLUMNS: Record<Campaign['kind'], KindOutcomeColumns> = { poll, discount, loyalty, gift, contest, service, knowledge };
