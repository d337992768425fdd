import type { CampaignKind } from '../api/types';
import { contestKind } from './contest';
import { isoToLocal, type FormContent } from './content';
import { discountKind } from './discount';
import { giftKind } from './gift';
import { knowledgeKind } from './knowledge';
import { loyaltyKind } from './loyalty';
import { pollKind } from './poll';
import { serviceKind } from './service';
import type { WebKind } from './types';

/** Every campaign kind of the web app, in the order the new-campaign page offers them. One line per kind. */
export const WEB_KINDS: readonly WebKind[] = [
  discountKind,
  loyaltyKind,
  knowledgeKind,
  serviceKind,
  pollKind,
  giftKind,
  contestKind,
];

const BY_NAME = new Map<string, WebKind>(WEB_KINDS.map((k) => [k.name, k]));

/** The kind of a name the server may send that this app does not know (yet): undefined. */
export function findWebKind(name: string): WebKind | undefined {
  return BY_NAME.get(name);
}

export function webKind(name: string): WebKind {
  const kind = BY_NAME.get(name);
  if (!kind) throw new Error(`no web kind "${name}" in web/src/kinds/registry.ts`);
  return kind;
}

export function isWebKind(name: string): name is CampaignKind {
  return BY_NAME.has(name);
}

export function defaultContent(name: CampaignKind): FormContent {
  return webKind(name).content.defaults();
}

export function cleanContent(name: CampaignKind, form: FormContent): Record<string, unknown> {
  return webKind(name).content.clean(form);
}

/** A saved campaign's content back into form state (defaults for what it lacks, dates as local values). */
export function formContentOf(name: CampaignKind, saved: Record<string, unknown>): FormContent {
  const { content } = webKind(name);
  const merged: FormContent = { ...content.defaults(), ...saved };
  for (const field of content.dateFields ?? []) merged[field] = isoToLocal(saved[field]);
  Object.assign(merged, content.load?.(saved));
  for (const [k, v] of Object.entries(merged)) if (v === null || v === undefined) merged[k] = '';
  return merged;
}
