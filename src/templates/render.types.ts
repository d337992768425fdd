import type { CampaignKind } from '../campaigns/campaign-kind';

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
}

/** One recipient of one message. */
export interface RenderRecipient {
  /** 0 for previews and test sends (no delivery row). */
  deliveryId: number;
  subscriber: { id: number; email: string; name: string; attributes: Record<string, unknown> };
  /** Per-recipient kind data assigned at fan-out/send time (coupon code, points balance...). */
  kindData?: Record<string, unknown>;
}

export interface RenderedMessage {
  subject: string;
  html: string;
  text: string;
}
