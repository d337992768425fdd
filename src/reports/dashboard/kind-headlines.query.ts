import { Injectable } from '@nestjs/common';
import type { Campaign } from '../../campaigns/campaign.entity';
import type { KindCampaign } from '../../kinds/kind-definition';
import { KindRegistry } from '../../kinds/kind-registry';
import type { KindHeadlineDto } from './dashboard.dto';

/**
 * Each kind's headline figure for a handful of campaigns: the campaigns grouped
 * by kind, each kind asked once for all of its campaigns (grouped queries with
 * the same conditions as its own report), never a report per campaign.
 */
@Injectable()
export class KindHeadlinesQuery {
  constructor(private readonly kinds: KindRegistry) {}

  async of(campaigns: Campaign[]): Promise<Map<number, KindHeadlineDto>> {
    const result = new Map<number, KindHeadlineDto>();
    const byKind = new Map<string, Array<KindCampaign<object>>>();
    for (const campaign of campaigns) {
      const { kind, target } = this.kinds.of(campaign);
      byKind.set(kind.name, [...(byKind.get(kind.name) ?? []), target]);
    }
    // One kind after another: the dashboard holds one pooled connection at a time.
    for (const [name, targets] of byKind) {
      for (const [id, headline] of await this.kinds.get(name).headlines(targets)) result.set(id, headline);
    }
    return result;
  }
}
