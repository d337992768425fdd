import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dbBool, dbTime, isPostgres, jsonNumber, jsonText, readDbTime, sql } from '../common/db/sql-dialect';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { EventWriter, NewEvent } from '../events/event-writer';
import { EffectiveSettings } from '../settings/effective-settings';
import type { BufferedHit } from './hit-buffer';
import { protectIp } from './ip-privacy';
import { DeliveryTruth } from './delivery-truth';
import { DEFAULT_BURST_RULE, LinkHits } from './link-burst';
import { classifyHit, ClassifierWindows } from './machine-classifier';

export interface StreamHit {
  /** Stream entry id and position in it: unique per hit, so it is the event's dedupe key. */
  id: string;
  hit: BufferedHit;
}

type ClicksByLink = Map<number, Array<{ index: number; at: Date }>>;

/** Clicks of the message's other links, for the classifier's multi-link rule (a link hammered alone costs nothing). */
function otherLinksClicks(byLink: ClicksByLink | undefined, index: number): Array<{ index: number; at: Date }> {
  if (!byLink) return [];
  return [...byLink].flatMap(([link, clicks]) => (link === index ? [] : clicks));
}

/** The link a click or page hit followed, as the burst rule compares them. */
const linkOfHit = (hit: BufferedHit): string => (hit.t === 'c' ? `r/${hit.i ?? -1}` : (hit.u ?? ''));

function parseData(value: unknown): Record<string, unknown> {
  if (typeof value !== 'string') return (value as Record<string, unknown>) ?? {};
  try {
    return JSON.parse(value) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * Turns a batch of buffered hits into events in one transaction: classifies
 * each (send time, earlier clicks), applies the privacy rules, and adds the
 * open a click proves. Replaying a batch is harmless: every event has a
 * dedupe key derived from its hit.
 */
@Injectable()
export class HitRecorder {
  private readonly secret: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventWriter,
    @InjectConfig() private readonly config: AppConfig,
    private readonly settings: EffectiveSettings,
    private readonly truth: DeliveryTruth,
  ) {
    this.secret = config.linkSecrets[0];
  }

  async record(hits: StreamHit[]): Promise<number> {
    // Delivery 0 is a preview or a test send (src/templates/render.types.ts): the marketer looking, not a recipient.
    const batch = hits.filter((b) => b.hit.d > 0);
    if (batch.length === 0) return 0;
    const ds = this.dataSource;
    const deliveryIds = [...new Set(batch.map((b) => b.hit.d).filter((d) => d > 0))];
    const clickDeliveryIds = [
      ...new Set(
        batch
          .filter((b) => b.hit.t === 'c')
          .map((b) => b.hit.d)
          .filter((d) => d > 0),
      ),
    ];
    const linkDeliveryIds = [
      ...new Set(
        batch
          .filter((b) => b.hit.t !== 'o')
          .map((b) => b.hit.d)
          .filter((d) => d > 0),
      ),
    ];
    const burstRule = { ...DEFAULT_BURST_RULE, windowMs: this.config.tracking.linkBurstWindowMs };
    const subscriberIds = [...new Set(batch.map((b) => b.hit.s))];
    const earliest = Math.min(...batch.map((b) => b.hit.at));
    // Editable in the web app: read per batch.
    const tracking = await this.settings.tracking();
    const windows: ClassifierWindows = {
      openWindowMs: tracking.machineOpenWindowSeconds * 1000,
      clickWindowMs: tracking.machineClickWindowSeconds * 1000,
    };

    const sentAt = new Map<number, Date>();
    for (const row of await this.select<{ id: unknown; sent_at: unknown }>(
      'SELECT id, sent_at FROM deliveries WHERE id IN (#)',
      deliveryIds,
    )) {
      if (row.sent_at) sentAt.set(Number(row.id), readDbTime(row.sent_at));
    }
    const optedOut = new Set<number>();
    for (const row of await this.select<{ id: unknown; tracking_opt_out: unknown }>(
      'SELECT id, tracking_opt_out FROM subscribers WHERE id IN (#)',
      subscriberIds,
    )) {
      if (row.tracking_opt_out === true || Number(row.tracking_opt_out) === 1) optedOut.add(Number(row.id));
    }
    const opened = new Set<number>();
    for (const row of await this.select<{ delivery_id: unknown }>(
      "SELECT DISTINCT delivery_id FROM events WHERE type = 'open' AND delivery_id IN (#)",
      clickDeliveryIds,
    )) {
      opened.add(Number(row.delivery_id));
    }
    const clicks = new Map<number, ClicksByLink>();
    const addClick = (d: number, click: { index: number; at: Date }) => {
      const byLink = clicks.get(d) ?? new Map<number, Array<{ index: number; at: Date }>>();
      clicks.set(d, byLink);
      const list = byLink.get(click.index);
      if (list) list.push(click);
      else byLink.set(click.index, [click]);
    };
    // Every link of each message followed recently, machine or not: the evidence for the burst rule.
    const links = new Map<number, LinkHits>();
    const addLink = (d: number, hit: { link: string; at: number }) => {
      const index = links.get(d);
      if (index) index.add(hit);
      else links.set(d, new LinkHits([hit]));
    };
    const since = dbTime(ds, new Date(earliest - burstRule.windowMs));
    // Per link its first and last hit in the window, not every hit: a link hammered thousands of
    // times is two rows (a hit between them that would matter is one neither side of the window misses).
    for (const row of await this.select<{
      delivery_id: unknown;
      type: string;
      link_index: unknown;
      link_page: unknown;
      first_at: unknown;
      last_at: unknown;
    }>(
      `SELECT delivery_id, type, ${jsonNumber(ds, 'data', 'index')} AS link_index, ${jsonText(ds, 'data', 'link')} AS link_page, MIN(occurred_at) AS first_at, MAX(occurred_at) AS last_at
       FROM events WHERE type IN ('click', 'page_view') AND delivery_id IN (#) AND occurred_at >= ? GROUP BY delivery_id, type, link_index, link_page`,
      linkDeliveryIds,
      [since],
    )) {
      const d = Number(row.delivery_id);
      for (const at of new Set([readDbTime(row.first_at).getTime(), readDbTime(row.last_at).getTime()])) {
        if (row.type === 'click') addClick(d, { index: Number(row.link_index), at: new Date(at) });
        addLink(d, { link: row.type === 'click' ? `r/${Number(row.link_index)}` : String(row.link_page ?? ''), at });
      }
    }
    for (const b of batch) {
      if (b.hit.t === 'c') addClick(b.hit.d, { index: b.hit.i ?? -1, at: new Date(b.hit.at) });
      if (b.hit.t !== 'o') addLink(b.hit.d, { link: linkOfHit(b.hit), at: b.hit.at });
    }
    const bursts = new Map<number, { subscriberId: number; from: number; to: number }>();

    // One count per act, decided as each event is written (DeliveryTruth.recount does the same over a
    // whole delivery when a burst re-flags it): a delivery's first human open counts, and a link's
    // human click counts again only after the repeat window.
    const humanOpened = new Set<number>();
    // EXISTS stops at the first open: a message opened thousands of times costs one index probe.
    for (const row of await this.select<{ id: unknown }>(
      "SELECT d.id FROM deliveries d WHERE d.id IN (#) AND EXISTS (SELECT 1 FROM events e WHERE e.delivery_id = d.id AND e.type = 'open' AND e.machine = ?)",
      deliveryIds,
      [dbBool(ds, false)],
    )) {
      humanOpened.add(Number(row.id));
    }
    const repeatWindow = this.config.tracking.clickRepeatWindowMs;
    const countedClick = new Map<string, number>();
    // Literal booleans: the planner proves the partial index ix_events_counted_clicks applies only from those.
    const no = isPostgres(ds) ? 'false' : '0';
    for (const row of await this.select<{ delivery_id: unknown; occurred_at: unknown; data: unknown }>(
      `SELECT delivery_id, occurred_at, data FROM events WHERE type = 'click' AND machine = ${no} AND repeat = ${no} AND delivery_id IN (#) AND occurred_at >= ?`,
      clickDeliveryIds,
      [dbTime(ds, new Date(earliest - repeatWindow))],
    )) {
      const key = `${Number(row.delivery_id)}:${Number(parseData(row.data).index)}`;
      countedClick.set(key, Math.max(countedClick.get(key) ?? 0, readDbTime(row.occurred_at).getTime()));
    }
    const repeatOpen = (d: number, machine: boolean): boolean => {
      if (machine) return false;
      const repeat = humanOpened.has(d);
      humanOpened.add(d);
      return repeat;
    };
    const repeatClick = (d: number, index: number, at: number, machine: boolean): boolean => {
      if (machine) return false;
      const key = `${d}:${index}`;
      const last = countedClick.get(key);
      if (last !== undefined && at >= last && at - last < repeatWindow) return true;
      countedClick.set(key, at);
      return false;
    };

    const out: NewEvent[] = [];
    for (const { id, hit } of batch) {
      const kind = hit.t === 'o' ? 'open' : 'click';
      const at = new Date(hit.at);
      const anonymous = optedOut.has(hit.s);
      let verdict = classifyHit(
        {
          kind,
          method: hit.m === 'H' ? 'HEAD' : 'GET',
          ip: hit.ip,
          ua: hit.ua,
          at,
          sentAt: sentAt.get(hit.d) ?? null,
          ...(kind === 'click' ? { index: hit.i, otherClicks: otherLinksClicks(clicks.get(hit.d), hit.i ?? -1) } : {}),
        },
        windows,
      );
      if (hit.t !== 'o' && !verdict.machine && links.get(hit.d)?.isBurst(hit.at, burstRule)) {
        verdict = { machine: true, reason: 'link_burst', ...(verdict.via ? { via: verdict.via } : {}) };
        const seen = bursts.get(hit.d);
        bursts.set(hit.d, {
          subscriberId: hit.s,
          from: Math.min(seen?.from ?? hit.at, hit.at),
          to: Math.max(seen?.to ?? hit.at, hit.at),
        });
      }
      const base = {
        campaignId: hit.c,
        // Opted out: counted for the campaign, but nothing that leads back to the person.
        deliveryId: anonymous ? null : hit.d,
        subscriberId: anonymous ? null : hit.s,
        occurredAt: at,
        machine: verdict.machine,
        machineReason: verdict.reason,
        ip: anonymous ? null : protectIp(hit.ip, tracking.ipMode, this.secret),
        userAgent: anonymous ? null : hit.ua || null,
      };
      const via = verdict.via ? { via: verdict.via } : {};
      if (hit.t === 'p') {
        out.push({ ...base, type: 'page_view', data: { link: hit.u ?? '' }, dedupeKey: `hit:${id}` });
        continue;
      }
      if (kind === 'open') {
        out.push({
          ...base,
          type: 'open',
          data: via,
          dedupeKey: `hit:${id}`,
          repeat: !anonymous && repeatOpen(hit.d, verdict.machine),
        });
        opened.add(hit.d);
        continue;
      }
      if (!opened.has(hit.d)) {
        // A click proves the message was opened, images or not. Keyed per
        // delivery (HMAC, so an anonymous one does not reveal which), so only one.
        out.push({
          ...base,
          type: 'open',
          data: { implied: true, ...via },
          repeat: !anonymous && repeatOpen(hit.d, verdict.machine),
          dedupeKey: `implied-open:${createHmac('sha256', this.secret).update(String(hit.d)).digest('base64url').slice(0, 24)}`,
        });
        opened.add(hit.d);
      }
      out.push({
        ...base,
        type: 'click',
        data: { index: hit.i, url: hit.u, ...via },
        dedupeKey: `hit:${id}`,
        repeat: !anonymous && repeatClick(hit.d, hit.i ?? -1, hit.at, verdict.machine),
      });
    }
    await ds.transaction(async (tx) => {
      await this.events.record(out, tx);
      // What the scanner already did before its burst was recognisable is flagged now.
      for (const [deliveryId, burst] of bursts) {
        // Opted-out hits carry no delivery: nothing of theirs is re-flagged.
        if (optedOut.has(burst.subscriberId)) continue;
        await this.truth.flagWindow(
          tx,
          deliveryId,
          burst.subscriberId,
          new Date(burst.from - burstRule.windowMs),
          new Date(burst.to + burstRule.windowMs),
          'link_burst',
          new Date(burst.to),
        );
      }
    });
    return out.length;
  }

  /** `#` becomes the id list (`before` are the parameters ahead of it, `after` those behind); nothing to ask about is no rows. */
  private async select<T>(text: string, ids: number[], after: unknown[] = [], before: unknown[] = []): Promise<T[]> {
    if (ids.length === 0) return [];
    const rows: T[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      rows.push(
        ...((await this.dataSource.query(sql(this.dataSource, text.replace('#', chunk.map(() => '?').join(','))), [
          ...before,
          ...chunk,
          ...after,
        ])) as T[]),
      );
    }
    return rows;
  }
}
