import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The stored link list of a campaign: the only URLs its redirect may lead to. */
export interface CampaignLinksLookup {
  linksOf(campaignId: number): Promise<string[] | undefined>;
}

export const CAMPAIGN_LINKS_LOOKUP = Symbol('CAMPAIGN_LINKS_LOOKUP');

const CACHE_SIZE = 1000;
const CACHE_MS = 60_000;

/**
 * Reads `campaigns.links` (a JSON array) with a raw query, so it works before
 * and without the campaign entity; no table or no row is "no links". A
 * campaign's links do not change once sent, so a short cache spares the
 * database a query per click.
 */
@Injectable()
export class SqlCampaignLinksLookup implements CampaignLinksLookup {
  private readonly logger = new Logger(SqlCampaignLinksLookup.name);
  private readonly cache = new Map<number, { links: string[] | undefined; until: number }>();

  constructor(private readonly dataSource: DataSource) {}

  async linksOf(campaignId: number): Promise<string[] | undefined> {
    const cached = this.cache.get(campaignId);
    if (cached && cached.until > Date.now()) return cached.links;
    const links = await this.query(campaignId);
    if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(campaignId, { links, until: Date.now() + CACHE_MS });
    return links;
  }

  private async query(campaignId: number): Promise<string[] | undefined> {
    const placeholder = this.dataSource.options.type === 'postgres' ? '$1' : '?';
    let rows: { links: unknown }[];
    try {
      rows = await this.dataSource.query(`SELECT links FROM campaigns WHERE id = ${placeholder}`, [campaignId]);
    } catch (error) {
      if (/no such table|does not exist|no such column/i.test((error as Error).message)) return undefined;
      throw error;
    }
    const raw = rows[0]?.links;
    let parsed: unknown = raw;
    if (typeof raw === 'string') {
      try {
        parsed = JSON.parse(raw);
      } catch {
        this.logger.warn(`campaigns.links of campaign ${campaignId} is not JSON`);
        return undefined;
      }
    }
    return Array.isArray(parsed) && parsed.every((u) => typeof u === 'string') ? (parsed as string[]) : undefined;
  }
}
