import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Campaign } from '../../campaigns/campaign.entity';
import type { BuiltInKind, KindContentTypes } from '../kind-content.registry';
import { kindContent } from '../kind-registry';
import { LinkClaims, LinkTokenService } from '../../links/link-token.service';
import { NotFoundException } from '../../common/domain.exception';
import { LocaleResolver } from '../../i18n/locale-resolver';
import type { Translator } from '../../i18n/translator';
import { KindException } from './kind.exception';

export interface KindRecipient<K extends BuiltInKind> {
  claims: LinkClaims;
  campaign: Campaign;
  content: KindContentTypes[K];
  /** The campaign's language: its pages speak it, like its mail. */
  t: Translator;
}

/** Turns a public link token into its campaign of the expected kind, or undefined (forged, other kind, gone). */
@Injectable()
export class KindRecipientResolver {
  constructor(
    private readonly tokens: LinkTokenService,
    private readonly locales: LocaleResolver,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async resolve<K extends BuiltInKind>(token: string, kind: K): Promise<KindRecipient<K> | undefined> {
    const claims = this.tokens.verify(token);
    if (!claims) return undefined;
    const campaign = await this.dataSource.getRepository(Campaign).findOneBy({ id: claims.campaignId });
    if (!campaign || campaign.kind !== kind) return undefined;
    return {
      claims,
      campaign,
      content: kindContent<KindContentTypes[K]>(campaign, kind),
      t: this.locales.resolve({ campaign: campaign.locale }),
    };
  }

  /** The campaign of an admin route, refused when it is another kind. */
  async campaignOf<K extends BuiltInKind>(
    id: number,
    kind: K,
  ): Promise<{ campaign: Campaign; content: KindContentTypes[K] }> {
    const campaign = await this.dataSource.getRepository(Campaign).findOneBy({ id });
    if (!campaign) throw new NotFoundException('Campaign', id);
    if (campaign.kind !== kind)
      throw new KindException(
        'wrong_kind',
        `Campaign ${id} is a ${campaign.kind} campaign, not a ${kind} campaign`,
        404,
      );
    return { campaign, content: kindContent<KindContentTypes[K]>(campaign, kind) };
  }

  /** Messages accepted for a campaign: the denominator of response and claim rates. */
  async sentCount(campaignId: number): Promise<number> {
    const [row] = await this.dataSource.query(
      this.dataSource.options.type === 'postgres'
        ? 'SELECT sent_count FROM campaigns WHERE id = $1'
        : 'SELECT sent_count FROM campaigns WHERE id = ?',
      [campaignId],
    );
    return Number(row?.sent_count ?? 0);
  }
}

export const rate = (part: number, whole: number): number =>
  whole > 0 ? Math.round((part / whole) * 10000) / 10000 : 0;
