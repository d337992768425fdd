import type { UseFormReturnType } from '@mantine/form';
import type { Campaign, CampaignInput, CampaignKind } from '../../api/types';
import { browserTimeZone } from '../../lib/timezone';
import type { FormContent } from '../../kinds/content';
import { cleanContent, defaultContent, formContentOf } from '../../kinds/registry';

export interface ComposerValues {
  name: string;
  subject: string;
  preheader: string;
  fromName: string;
  fromEmail: string;
  replyTo: string;
  locale: string;
  timezone: string;
  content: FormContent;
  listIds: string[];
  segmentId: string | null;
  excludeListIds: string[];
}

export type ComposerForm = UseFormReturnType<ComposerValues>;

export function initialValues(kind: CampaignKind, campaign?: Campaign, locale = 'en'): ComposerValues {
  if (!campaign) {
    return {
      name: '',
      subject: '',
      preheader: '',
      fromName: '',
      fromEmail: '',
      replyTo: '',
      locale,
      timezone: browserTimeZone(),
      content: defaultContent(kind),
      listIds: [],
      segmentId: null,
      excludeListIds: [],
    };
  }
  return {
    name: campaign.name,
    subject: campaign.subject,
    preheader: campaign.preheader ?? '',
    fromName: campaign.fromName ?? '',
    fromEmail: campaign.fromEmail ?? '',
    replyTo: campaign.replyTo ?? '',
    locale: campaign.locale ?? 'en',
    timezone: campaign.timezone && campaign.timezone !== 'UTC' ? campaign.timezone : browserTimeZone(),
    content: formContentOf(kind, campaign.content),
    listIds: (campaign.audience.listIds ?? []).map(String),
    segmentId: campaign.audience.segmentId ? String(campaign.audience.segmentId) : null,
    excludeListIds: (campaign.audience.excludeListIds ?? []).map(String),
  };
}

export function audienceOf(
  v: Pick<ComposerValues, 'listIds' | 'segmentId' | 'excludeListIds'>,
): CampaignInput['audience'] {
  return {
    listIds: v.listIds.map(Number),
    ...(v.segmentId ? { segmentId: Number(v.segmentId) } : {}),
    ...(v.excludeListIds.length ? { excludeListIds: v.excludeListIds.map(Number) } : {}),
  };
}

/** The form as the API's create/update body: empty optional strings left out. */
export function toCampaignInput(kind: CampaignKind, v: ComposerValues): CampaignInput {
  const opt = (s: string) => (s.trim() ? s.trim() : undefined);
  return {
    kind,
    name: v.name.trim(),
    subject: v.subject,
    preheader: v.preheader,
    fromName: opt(v.fromName),
    fromEmail: opt(v.fromEmail),
    replyTo: opt(v.replyTo),
    locale: v.locale,
    timezone: v.timezone,
    audience: audienceOf(v),
    content: cleanContent(kind, v.content),
  };
}

/** The form as the API's update body: an emptied sender field is sent empty, so the default sender applies again. */
export function toCampaignUpdate(kind: CampaignKind, v: ComposerValues): Omit<CampaignInput, 'kind'> {
  const { kind: _kind, ...update } = toCampaignInput(kind, v);
  return { ...update, fromName: v.fromName.trim(), fromEmail: v.fromEmail.trim(), replyTo: v.replyTo.trim() };
}

// Which composer step owns a field: a refused save opens the step where the problem is.
export const STEP_OF_FIELD: Array<[RegExp, number]> = [
  [/^content(\.|$)/, 0],
  [/^(audience|listIds|segmentId|excludeListIds)(\.|$)/, 1],
  [/^(name|subject|preheader|fromName|fromEmail|replyTo|locale|timezone|transport)(\.|$)/, 2],
];

export function stepOfField(field: string): number | undefined {
  return STEP_OF_FIELD.find(([re]) => re.test(field))?.[1];
}

/** API field paths → form paths (audience.listIds → listIds). */
export function formPathOf(field: string): string {
  if (field.startsWith('audience.')) return field.slice('audience.'.length).replace(/\.\d+$/, '');
  return field;
}
