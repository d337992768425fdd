import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sql } from '../common/db/sql-dialect';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import type { LinkClaims } from '../links/link-token.service';
import { LocaleSources, resolveLocale } from './locale';
import { Translator, translatorFor } from './translator';

/** Anything with request headers (a Fastify request, or a reply's .request). */
export interface RequestLike {
  headers: Record<string, string | string[] | undefined>;
}

export function acceptLanguageOf(request: RequestLike | undefined): string | undefined {
  const value = request?.headers['accept-language'];
  return Array.isArray(value) ? value.join(',') : value;
}

/** resolveLocale with the configured default, plus the lookups public pages need. */
@Injectable()
export class LocaleResolver {
  readonly defaultLocale: string;

  constructor(
    @InjectConfig() config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.defaultLocale = config.defaultLocale;
  }

  resolve(sources: LocaleSources): Translator {
    return translatorFor(resolveLocale(sources, this.defaultLocale));
  }

  /** A page that knows nothing but the browser: forms, forged or unknown links. */
  forRequest(request: RequestLike | undefined): Translator {
    return this.resolve({ acceptLanguage: acceptLanguageOf(request) });
  }

  /** A page reached through a message token: the campaign's language, else the subscriber's, else the browser's. */
  async forClaims(claims: LinkClaims | undefined, request?: RequestLike): Promise<Translator> {
    const acceptLanguage = acceptLanguageOf(request);
    if (!claims) return this.resolve({ acceptLanguage });
    const ds = this.dataSource;
    const [campaign] = claims.campaignId
      ? await ds.query(sql(ds, 'SELECT locale FROM campaigns WHERE id = ?'), [claims.campaignId])
      : [];
    if (campaign) return this.resolve({ campaign: campaign.locale });
    return this.forSubscriber(claims.subscriberId, request);
  }

  /** A page about a subscriber outside any campaign (double opt-in). */
  async forSubscriber(subscriberId: number, request?: RequestLike): Promise<Translator> {
    const ds = this.dataSource;
    const [subscriber] = await ds.query(sql(ds, 'SELECT locale FROM subscribers WHERE id = ?'), [subscriberId]);
    return this.resolve({ subscriber: subscriber?.locale, acceptLanguage: acceptLanguageOf(request) });
  }
}
