import type { CampaignKind, ValueDimension } from '../../campaigns/campaign-kind';
import type { CampaignStatus } from '../../campaigns/campaign-status';
import type { DeliveryStatus } from '../../sending/delivery.entity';

// The JSON of GET /api/campaigns/:id/report, shaped for charts: arrays of points
// with stable keys, counts with the rate beside them and what the rate is of.

/** A count and its share (0..1, four decimals) of `rateOf`. */
export interface Share {
  count: number;
  rate: number;
  rateOf: 'recipients' | 'sent' | 'delivered';
}

export type FunnelStepKey = 'recipients' | 'sent' | 'delivered' | 'opened' | 'clicked' | 'acted';

export interface FunnelStep extends Share {
  key: FunnelStepKey;
  label: string;
}

export interface Funnel {
  /** recipients → sent → delivered → opened (human) → clicked (human) → acted: the funnel chart, in order. */
  steps: FunnelStep[];
  /** Deliveries by their current state. */
  byStatus: Record<DeliveryStatus, number>;
  opened: {
    /** Recipients with at least one open by a person; one who acted opened the mail, pixel or not. */
    human: Share;
    /** Of those, recipients counted as opened only because they acted (no pixel was seen: images off). */
    inferred: number;
    /** Recipients whose every open was a machine (privacy proxy, scanner): not counted as opened. */
    machineOnly: Share;
    humanOpens: number;
    machineOpens: number;
  };
  /** `inferred`: recipients counted as clicked because they acted from a mail link (one-click acts are no redirect). */
  clicked: { human: Share; inferred: number; humanClicks: number; machineClicks: number };
  acted: Share & { action: string; eventTypes: string[] };
}

export interface DimensionValue {
  dimension: ValueDimension;
  total: number;
  perDeliveredRecipient: number;
}

export interface ValueDelivered {
  /** All four dimensions, in the order functional, economic, emotional, symbolic. */
  dimensions: DimensionValue[];
  total: number;
  perDeliveredRecipient: number;
  /** What made it: human events of the campaign by type, strength × count before the kind's weights. */
  byEventType: Array<{ type: string; events: number; strength: number; points: number }>;
}

export interface HourlyPoint {
  /** Start of the hour, ISO 8601 UTC. */
  hour: string;
  humanOpens: number;
  machineOpens: number;
  humanClicks: number;
  machineClicks: number;
}

export interface Timeline {
  interval: 'hour';
  /** First and last bucket (hour starts); null before the campaign started. */
  from: string | null;
  to: string | null;
  /** True when the campaign runs longer than the series shows (events after `to` are left out). */
  truncated: boolean;
  points: HourlyPoint[];
}

export interface Deliverability {
  failed: Share;
  suppressed: Share;
  hardBounces: Share;
  softBounces: Share;
  complaints: Share;
  unsubscribes: Share;
}

export interface AttributedRevenue {
  conversions: number;
  purchases: number;
  /** Amounts are never added across currencies. */
  byCurrency: Array<{
    currency: string | null;
    conversions: number;
    conversionAmount: number;
    purchases: number;
    purchaseAmount: number;
    total: number;
  }>;
}

/** The kind's own report, as its GET /api/campaigns/:id/report/<kind> answers it. */
export interface KindBlock {
  kind: CampaignKind;
  report: unknown;
}

export interface CampaignReport {
  campaign: {
    id: number;
    name: string;
    kind: CampaignKind;
    status: CampaignStatus;
    subject: string;
    startedAt: string | null;
    finishedAt: string | null;
  };
  generatedAt: string;
  funnel: Funnel;
  kindBlock: KindBlock;
  value: ValueDelivered;
  timeline: Timeline;
  deliverability: Deliverability;
  revenue: AttributedRevenue;
}
