import type { DataSource, EntityManager } from 'typeorm';
import type { Campaign } from '../campaigns/campaign.entity';
import type { ValueDimension } from '../campaigns/campaign-kind';
import type { EventType } from '../events/event-types';
import type { Translator } from '../i18n/translator';

// What a campaign kind is, as the shared code sees it. Each kind under
// src/kinds/<kind>/ defines one (<kind>.kind.ts) and marks it @CampaignKindPlugin();
// the KindRegistry finds them. Nothing outside src/kinds/<kind>/ names a kind.

/** The parts of a kind that need no database: content schema, template, view model, value weights. */
export interface KindBasics<C extends object = object> {
  /** The `kind` of a campaign, in the API and the database. */
  readonly name: string;
  /** The content schema (class-validator decorated) and a realistic example (previews, demo, tests). */
  readonly content: { type: new () => C; sample: C };
  /** The MJML body: templates/<name>.mjml unless the kind brings its own file (an absolute path). */
  readonly templateFile?: string;
  /** DESIGN.md's kinds table: the dimension a kind delivers first weighs 1, the second 0.5. */
  readonly valueWeights: Partial<Record<ValueDimension, number>>;
  /** What the template needs beyond its raw content: labels and derived values in the campaign's language. */
  view?(content: C, t: Translator): Record<string, unknown>;
  /** The sample's dates moved around `now`, so a demo mail's every link works (a poll still open, a coupon valid). */
  datesAround?(now: Date): Partial<C>;
  /**
   * The kind's public pages a mail links to: `name` for the templates' `link` helper,
   * `path` the URL's first segment (its controller's prefix), `segment` when the link
   * carries one more value (a poll answer, a service offer).
   */
  readonly publicLinks?: ReadonlyArray<{ name: string; path: string; segment: boolean }>;
  /** What a preview shows where fan-out would put per-recipient data (a coupon code, a points balance). */
  readonly previewKindData?: Record<string, unknown>;
  /** Free text people typed into the kind's pages: emptied when a subscriber is erased (the rows stay for the counts). */
  readonly personalData?: ReadonlyArray<{ table: string; column: string }>;
  /**
   * For the value profile: the topic a clicked link of this campaign stands for
   * (knowledge items), from the campaign's content and its rewritten links.
   */
  interestOf?(
    content: C,
    links: string[],
  ): ((data: Record<string, unknown>) => { topic: string; title: string } | undefined) | undefined;
}

/** What "acted" means for a campaign's kind, as a condition on `events e` (plus its parameters). */
export interface KindAction {
  label: string;
  eventTypes: EventType[];
  where: string;
  params: unknown[];
}

/** One recipient of a page of recipients.csv. */
export interface RecipientPageRow {
  subscriberId: number;
  /** deliveries.kind_data: what fan-out fixed for this recipient (coupon code, balance shown...). */
  kindData: Record<string, unknown> | null;
}

/** The kind's outcome columns of recipients.csv, loaded for one page of recipients at a time. */
export interface KindOutcomeColumns<C extends object = object> {
  header: string[];
  load(ds: DataSource, campaign: Campaign, content: C, page: RecipientPageRow[]): Promise<Map<number, unknown[]>>;
}

/** The kind's one figure worth a glance on the dashboard (`label`, `value`) and the kind's own figures beside it. */
export interface KindHeadline {
  kind: string;
  label: string;
  value: number | string | null;
  [figure: string]: unknown;
}

/** A campaign of this kind with its content typed. */
export interface KindCampaign<C extends object> {
  campaign: Campaign;
  content: C;
}

/**
 * Where a kind keeps the current NPS answers (0–10) people gave its campaigns, for
 * the NPS trends of the dashboard and the audience report. The table has
 * campaign_id, subscriber_id, value and answered_at, one row per subscriber per campaign.
 */
export interface NpsAnswerTable {
  table: string;
  /** The campaigns whose answers in the table are NPS answers. */
  campaignIds(ds: DataSource): Promise<number[]>;
}

/** A whole kind: its basics and what it reads and writes in the database. */
export interface CampaignKindDefinition<C extends object = object> extends KindBasics<C> {
  /** Checks against the database that content alone cannot (a list that must exist); throws an InvalidContentException. */
  checkContent?(content: C, audience: { listIds: number[] }): Promise<void>;
  /** Refuses a start up front (throw a DomainException), e.g. a code pattern too small for the audience. */
  beforeStart?(target: KindCampaign<C>): Promise<void>;
  /** kind_data per subscriber id of a fan-out page; runs inside the page transaction. */
  assignKindData?(
    target: KindCampaign<C>,
    subscriberIds: number[],
    manager: EntityManager,
  ): Promise<Map<number, Record<string, unknown>>>;
  /** What counts as acting on a campaign of this kind (the funnel's last step). */
  action(target: KindCampaign<C>, ds: DataSource): KindAction;
  /** The kind's block of GET /api/campaigns/:id/report (the same as its own report route). */
  reportBlock(target: KindCampaign<C>): Promise<unknown>;
  /** Headlines of a handful of campaigns of this kind, by campaign id: grouped queries, never a report per campaign. */
  headlines(targets: Array<KindCampaign<C>>): Promise<Map<number, KindHeadline>>;
  /** The kind's columns of recipients.csv. */
  readonly recipientColumns: KindOutcomeColumns<C>;
  /** Set by a kind that collects NPS answers. */
  readonly npsAnswers?: NpsAnswerTable;
}
