import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dbTime, readDbTime, sql } from '../common/db/sql-dialect';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { EventWriter, NewEvent } from '../events/event-writer';
import { EffectiveSettings } from '../settings/effective-settings';
import type { BufferedHit } from './hit-buffer';
import { protectIp } from './ip-privacy';
import { DeliveryTruth } from './delivery-truth';
import { DEFAULT_BURST_RULE, isLinkBurst, LinkHit } from './link-burst';
import { classifyHit, ClassifierWindows } from './machine-classifier';

export interface StreamHit {
  /** Stream entry id and position in it: unique per hit, so it is the event's dedupe key. */
  id: string;
  hit: BufferedHit;
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
    const clickDeliveryIds = [...new Set(batch.filter((b) => b.hit.t === 'c').map((b) => b.hit.d).filter((d) => d > 0))];
    const linkDeliveryIds = [...new Set(batch.filter((b) => b.hit.t !== 'o').map((b) => b.hit.d).filter((d) => d > 0))];
    const burstRule = { ...DEFAULT_BURST_RULE, windowMs: this.config.tracking.linkBurstWindowMs };
    const subscriberIds = [...new Set(batch.map((b) => b.hit.s))];
    const earliest = Math.min(...batch.map((b) => b.hit.at));
    // Editable in the web app: read per batch.
    const tracking = await this.settings.tracking();
    const windows: ClassifierWindows = { openWindowMs: tracking.machineOpenWindowSeconds * 1000, clickWindowMs: tracking.machineClickWindowSeconds * 1000 };

    const sentAt = new Map<number, Date>();
    for (const row of await this.select<{ id: unknown; sent_at: unknown }>('SELECT id, sent_at FROM deliveries WHERE id IN (#)', deliveryIds)) {
      if (row.sent_at) sentAt.set(Number(row.id), readDbTime(row.sent_at));
    }
    const optedOut = new Set<number>();
    for (const row of await this.select<{ id: unknown; tracking_opt_out: unknown }>('SELECT id, tracking_opt_out FROM subscribers WHERE id IN (#)', subscriberIds)) {
      if (row.tracking_opt_out === true || Number(row.tracking_opt_out) === 1) optedOut.add(Number(row.id));
    }
    const opened = new Set<number>();
    for (const row of await this.select<{ delivery_id: unknown }>("SELECT DISTINCT delivery_id FROM events WHERE type = 'open' AND delivery_id IN (#)", clickDeliveryIds)) {
      opened.add(Number(row.delivery_id));
    }
    const clicks = new Map<number, Array<{ index: number; at: Date; id?: string }>>();
    const addClick = (d: number, click: { index: number; at: Date; id?: string }) => clicks.set(d, [...(clicks.get(d) ?? []), click]);
    // Every link of each message followed recently, machine or not: the evidence for the burst rule.
    const links = new Map<number, LinkHit[]>();
    const addLink = (d: number, hit: LinkHit) => links.set(d, [...(links.get(d) ?? []), hit]);
    const since = dbTime(ds, new Date(earliest - burstRule.windowMs));
    for (const row of await this.select<{ delivery_id: unknown; type: string; occurred_at: unknown; data: unknown }>(
      "SELECT delivery_id, type, occurred_at, data FROM events WHERE type IN ('click', 'page_view') AND delivery_id IN (#) AND occurred_at >= ?", linkDeliveryIds, [since])) {
      const data = parseData(row.data);
      const at = readDbTime(row.occurred_at);
      if (row.type === 'click') addClick(Number(row.delivery_id), { index: Number(data.index), at });
      addLink(Number(row.delivery_id), { link: row.type === 'click' ? `r/${Number(data.index)}` : String(data.link ?? ''), at: at.getTime() });
    }
    for (const b of batch) {
      if (b.hit.t === 'c') addClick(b.hit.d, { index: b.hit.i ?? -1, at: new Date(b.hit.at), id: b.id });
      if (b.hit.t !== 'o') addLink(b.hit.d, { link: linkOfHit(b.hit), at: b.hit.at });
    }
    const bursts = new Map<number, { subscriberId: number; from: number; to: number }>();

    const out: NewEvent[] = [];
    for (const { id, hit } of batch) {
      const kind = hit.t === 'o' ? 'open' : 'click';
      const at = new Date(hit.at);
      const anonymous = optedOut.has(hit.s);
      let verdict = classifyHit(
        {
          kind, method: hit.m === 'H' ? 'HEAD' : 'GET', ip: hit.ip, ua: hit.ua, at, sentAt: sentAt.get(hit.d) ?? null,
          ...(kind === 'click' ? { index: hit.i, otherClicks: (clicks.get(hit.d) ?? []).filter((c) => c.id !== id) } : {}),
        },
        windows,
      );
      if (hit.t !== 'o' && !verdict.machine && isLinkBurst(links.get(hit.d) ?? [], hit.at, burstRule)) {
        verdict = { machine: true, reason: 'link_burst', ...(verdict.via ? { via: verdict.via } : {}) };
        const seen = bursts.get(hit.d);
        bursts.set(hit.d, { subscriberId: hit.s, from: Math.min(seen?.from ?? hit.at, hit.at), to: Math.max(seen?.to ?? hit.at, hit.at) });
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
        out.push({ ...base, type: 'open', data: via, dedupeKey: `hit:${id}` });
        opened.add(hit.d);
        continue;
      }
      if (!opened.has(hit.d)) {
        // A click proves the message was opened, images or not. Keyed per
        // delivery (HMAC, so an anonymous one does not reveal which), so only one.
        out.push({ ...base, type: 'open', data: { implied: true, ...via }, dedupeKey: `implied-open:${createHmac('sha256', this.secret).update(String(hit.d)).digest('base64url').slice(0, 24)}` });
        opened.add(hit.d);
      }
      out.push({ ...base, type: 'click', data: { index: hit.i, url: hit.u, ...via }, dedupeKey: `hit:${id}` });
    }
    await ds.transaction(async (tx) => {
      await this.events.record(out, tx);
      // Opted-out hits carry no delivery: nothing of theirs is recounted or re-flagged.
      await this.truth.recount(tx, deliveryIds);
      // What the scanner already did before its burst was recognisable is flagged now.
      for (const [deliveryId, burst] of bursts) {
        if (optedOut.has(burst.subscriberId)) continue;
        await this.truth.flagWindow(tx, deliveryId, burst.subscriberId, new Date(burst.from - burstRule.windowMs), new Date(burst.to + burstRule.windowMs), 'link_burst', new Date(burst.to));
      }
    });
    return out.length;
  }

  /** `#` becomes the id list; nothing to ask about is no rows. */
  private async select<T>(text: string, ids: number[], extra: unknown[] = []): Promise<T[]> {
    if (ids.length === 0) return [];
    const rows: T[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      rows.push(...((await this.dataSource.query(sql(this.dataSource, text.replace('#', chunk.map(() => '?').join(','))), [...chunk, ...extra])) as T[]));
    }
    return rows;
  }
}
