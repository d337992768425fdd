import type { DataSource } from 'typeorm';
import type { Campaign } from '../../campaigns/campaign.entity';
import type { KindAction } from '../../kinds/kind-definition';
import type { KindRegistry } from '../../kinds/kind-registry';

export type { KindAction } from '../../kinds/kind-definition';

/** What "acted" means for the campaign's kind, as its kind defines it. */
export function kindActionOf(kinds: KindRegistry, ds: DataSource, campaign: Campaign): KindAction {
  const { kind, target } = kinds.of(campaign);
  return kind.action(target, ds);
}
