import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sql } from '../common/db/sql-dialect';
import type { UtmSettings } from './utm';

/** The stored link list of a campaign: the only URLs its redirect may lead to. */
export interface CampaignLinksLookup {
  linksOf(campaignId: number): Promise<string[] | undefined>;
  /** The campaign's utm_* settings for the redirect, if any. */
  utmOf(campaignId: number): Promise<UtmSettings | undefined>;
}

export const CAMPAIGN_LINKS_LOOKUP = Symbol('CAMPAIGN_LINKS_LOOKUP');

const CACHE_SIZE = 1000;
const CACHE_MS = 60_000;

interface Entry {
  links: string[] | undefined;
  utm: UtmSettings | undefined;
}

/**
 * Reads `campaigns.links` (a JSON array) and `campaigns.utm` with a raw query;
 * no row is "no links". A campaign's links do not change once sent, so a short
 * cache spares the database a query per click.
 */
@Injectable()
export class SqlCampaignLinksLookup implements CampaignLinksLookup {
  private readonly logger = new Logger(SqlCampaignLinksLookup.name);
  private readonly cache = new Map<number, { entry: Entry; until: number }>();

  constructor(private readonly dataSource: DataSource) {}

  async linksOf(campaignId: number): Promise<string[] | undefined> {
    return (await this.entry(campaignId)).links;
  }

  async utmOf(campaignId: number): Promise<UtmSettings | undefined> {
    return (await this.entry(campaignId)).utm;
  }

  private async entry(campaignId: number): Promise<Entry> {
    const cached = this.cache.get(campaignId);
    if (cached && cached.until > Date.now()) return cached.entry;
    const entry = await this.query(campaignId);
    if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(campaignId, { entry, until: Date.now() + CACHE_MS });
    return entry;
  }

  private async query(campaignId: number): Promise<Entry> {
    const rows: { links: unknown; utm: unknown }[] = await this.dataSource.query(
      sql(this.dataSource, 'SELECT links, utm FROM campaigns WHERE id = ?'),
      [campaignId],
    );
    if (!rows[0]) return { links: undefined, utm: undefined };
    const links = this.json(campaignId, 'links', rows[0].links);
    const utm = this.json(campaignId, 'utm', rows[0].utm);
    return {
      links: Array.isArray(links) && links.every((u) => typeof u === 'string') ? (links as string[]) : undefined,
      utm: utm && typeof utm === 'object' && !Array.isArray(utm) ? (utm as UtmSettings) : undefined,
    };
  }

  private json(campaignId: number, column: string, raw: unknown): unknown {
    if (typeof raw !== 'string') return raw ?? undefined;
    try {
      return JSON.parse(raw);
    } catch {
      this.logger.warn(`campaigns.${column} of campaign ${campaignId} is not JSON`);
      return undefined;
    }
  }
}
