import type { CampaignKind } from '../api/types';
import type { ComposerForm } from '../features/campaigns/composer-values';
import { webKind } from './registry';

/** The kind's own form in the composer. */
export function KindForm({ kind, form, disabled }: { kind: CampaignKind; form: ComposerForm; disabled?: boolean }) {
  const { Form } = webKind(kind);
  return <Form form={form} disabled={disabled} />;
}
