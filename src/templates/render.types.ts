import type { CampaignKind } from '../campaigns/campaign-kind';
import type { BrandSettings } from './brand';

/** What the renderer needs of a campaign (the campaign entity satisfies it). */
export interface RenderableCampaign {
  id: number;
  kind: CampaignKind;
  subject: string;
  preheader: string;
  /** Kind content, validated per kind (see src/kinds/<kind>). */
  content: Record<string, unknown>;
  /** Marketer-written MJML body used instead of the kind template. */
  customMjml: string | null;
  locale: string;
  /** Header/footer look; defaults apply to anything missing. */
  brand?: Partial<BrandSettings>;
}

/** One recipient of one message. */
export interface RenderRecipient {
  /** 0 for previews and test sends (no delivery row). */
  deliveryId: number;
  /** firstName: the field, or the name's first word when absent or empty (see person-name.ts). */
  subscriber: {
    id: number;
    email: string;
    name: string;
    firstName?: string;
    lastName?: string;
    attributes: Record<string, unknown>;
  };
  /** Per-recipient kind data assigned at fan-out/send time (coupon code, points balance...). */
  kindData?: Record<string, unknown>;
}

export interface RenderedMessage {
  subject: string;
  html: string;
  text: string;
  /** The one signed token of this message (all its links and its pixel carry it). */
  token: string;
  /** For the List-Unsubscribe header (RFC 8058: POST to the same URL). */
  unsubscribeUrl: string;
}

/** A campaign compiled once: hand it to render() for every recipient. */
export interface CompiledCampaign {
  campaignId: number;
  /** Content hash of everything the output depends on. */
  hash: string;
  locale: string;
  /** Original URLs by link index: store on the campaign; /r/{token}/{index} only redirects to these. */
  links: string[];
  /** The recipient-stage Handlebars source of the HTML part (for inspection and benchmarks). */
  htmlSource: string;
  /** The recipient-stage source of the text part. */
  textSource: string;
  readonly templates: CompiledTemplates;
}

export type RecipientTemplate = (context: RecipientContext) => string;

export interface CompiledTemplates {
  subject: RecipientTemplate;
  html: RecipientTemplate;
  text: RecipientTemplate;
}

/** What recipient-stage expressions can see. */
export interface RecipientContext {
  subscriber: RenderRecipient['subscriber'];
  kind: Record<string, unknown>;
  _token: string;
  [extra: string]: unknown;
}
