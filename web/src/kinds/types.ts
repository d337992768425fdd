import type { TFunction } from 'i18next';
import type { ComponentType, ReactNode } from 'react';
import type { Campaign, CampaignKind, KindHeadline, ValueDimension } from '../api/types';
import type { FormContent } from './content';
import type { KindFormProps } from './field';

/** What the dashboard shows of a campaign's headline figure: a label, the figure, what it is made of. */
export interface HeadlineView {
  label: string;
  /** Formatted; left out, the server's figure is shown. */
  value?: string;
  hint?: string;
}

/**
 * Everything the web app knows about one campaign kind (the server's counterpart is `src/kinds/<kind>/<kind>.kind.ts`).
 * Shared pages reach a kind only through `registry.ts`; texts stay in the i18n catalogues under the kind's name.
 */
export interface WebKind {
  name: CampaignKind;
  icon: (size?: number) => ReactNode;
  /** Mantine colour of the kind's badge and card. */
  color: string;
  /** The value the kind delivers (DESIGN.md, "The seven campaign kinds"); the weights live on the server. */
  dimensions: ValueDimension[];
  content: {
    /** Form state of a new campaign: every field a marketer might switch back to. */
    defaults: () => FormContent;
    /** Form state → the content the API accepts (src/kinds/<kind>/<kind>.content.ts): only what applies. */
    clean: (form: FormContent) => Record<string, unknown>;
    /** Fields held as datetime-local in the form and ISO 8601 in the API. */
    dateFields?: string[];
    /** Form values a saved campaign needs beyond its own content merged over the defaults. */
    load?: (saved: Record<string, unknown>) => FormContent;
  };
  /** The composer's form, fields named as in the content DTO so the API's 400 details land next to the input. */
  Form: ComponentType<KindFormProps>;
  /** The kind's block on the report page; `report` is GET /api/campaigns/:id/report/<kind>, undefined while loading. */
  ReportBlock: ComponentType<{ campaign: Campaign; report?: unknown }>;
  /** The dashboard's headline for a recent campaign of this kind (without `value`, the server's figure is shown). */
  headline: (h: KindHeadline, t: TFunction) => HeadlineView;
}
