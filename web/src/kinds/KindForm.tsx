import type { CampaignKind } from '../../../api/types';
import type { ComposerForm } from '../composer-values';
import { ContestForm } from './contest-form';
import { DiscountForm } from './discount-form';
import { GiftForm } from './gift-form';
import { KnowledgeForm } from './knowledge-form';
import { LoyaltyForm } from './loyalty-form';
import { PollForm } from './poll-form';
import { ServiceForm } from './service-form';

// One form per kind, fields named as in the kind's content DTO so the API's 400 details
// ("content.items.0.url") land next to the right input.
export function KindForm({ kind, form, disabled }: { kind: CampaignKind; form: ComposerForm; disabled?: boolean }) {
  switch (kind) {
    case 'discount':
      return <DiscountForm form={form} disabled={disabled} />;
    case 'loyalty':
      return <LoyaltyForm form={form} disabled={disabled} />;
    case 'knowledge':
      return <KnowledgeForm form={form} disabled={disabled} />;
    case 'service':
      return <ServiceForm form={form} disabled={disabled} />;
    case 'poll':
      return <PollForm form={form} disabled={disabled} />;
    case 'gift':
      return <GiftForm form={form} disabled={disabled} />;
    case 'contest':
      return <ContestForm form={form} disabled={disabled} />;
  }
}
