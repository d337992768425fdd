import { ApiProperty } from '@nestjs/swagger';
import { VALUE_DIMENSIONS, type CampaignKind, type ValueDimension } from '../../campaigns/campaign-kind';
import { CAMPAIGN_STATUSES, type CampaignStatus } from '../../campaigns/campaign-status';
import type { DeliveryStatus } from '../../sending/delivery.entity';

// The JSON of GET /api/campaigns/:id/report, shaped for charts: arrays of points
// with stable keys, counts with the rate beside them and what the rate is of.
// Classes (not interfaces) so the OpenAPI document, and the web app's generated types, describe them.

const COUNTS = { type: 'object', additionalProperties: { type: 'number' } } as const;

/** A count and its share (0..1, four decimals) of `rateOf`. */
export class Share {
  @ApiProperty() count: number;
  @ApiProperty() rate: number;
  @ApiProperty({ enum: ['recipients', 'sent', 'delivered'] }) rateOf: 'recipients' | 'sent' | 'delivered';
}

export const FUNNEL_STEP_KEYS = ['recipients', 'sent', 'delivered', 'opened', 'clicked', 'acted'] as const;
export type FunnelStepKey = (typeof FUNNEL_STEP_KEYS)[number];

export class FunnelStep extends Share {
  @ApiProperty({ enum: FUNNEL_STEP_KEYS }) key: FunnelStepKey;
  @ApiProperty() label: string;
}

export class OpenedFigures {
  @ApiProperty({
    type: Share,
    description: 'Recipients with at least one open by a person; one who acted opened the mail, pixel or not',
  })
  human: Share;
  @ApiProperty({ description: 'Of those, recipients counted as opened only because they acted (images off)' })
  inferred: number;
  @ApiProperty({
    type: Share,
    description: 'Recipients whose every open was a machine (privacy proxy, scanner): not counted as opened',
  })
  machineOnly: Share;
  @ApiProperty() humanOpens: number;
  @ApiProperty() machineOpens: number;
}

export class ClickedFigures {
  @ApiProperty({ type: Share }) human: Share;
  @ApiProperty({ description: 'Recipients counted as clicked because they acted from a mail link' })
  inferred: number;
  @ApiProperty() humanClicks: number;
  @ApiProperty() machineClicks: number;
}

export class ActedShare extends Share {
  @ApiProperty() action: string;
  @ApiProperty({ type: [String] }) eventTypes: string[];
}

export class Funnel {
  /** recipients → sent → delivered → opened (human) → clicked (human) → acted: the funnel chart, in order. */
  @ApiProperty({ type: [FunnelStep] }) steps: FunnelStep[];
  @ApiProperty({ ...COUNTS, description: 'Deliveries by their current state' }) byStatus: Record<
    DeliveryStatus,
    number
  >;
  @ApiProperty({ type: OpenedFigures }) opened: OpenedFigures;
  @ApiProperty({ type: ClickedFigures }) clicked: ClickedFigures;
  @ApiProperty({ type: ActedShare }) acted: ActedShare;
}

export class DimensionValue {
  @ApiProperty({ enum: VALUE_DIMENSIONS }) dimension: ValueDimension;
  @ApiProperty() total: number;
  @ApiProperty() perDeliveredRecipient: number;
}

export class EventTypeValue {
  @ApiProperty() type: string;
  @ApiProperty() events: number;
  @ApiProperty() strength: number;
  @ApiProperty() points: number;
}

export class ValueDelivered {
  @ApiProperty({ type: [DimensionValue], description: 'functional, economic, emotional, symbolic, in that order' })
  dimensions: DimensionValue[];
  @ApiProperty() total: number;
  @ApiProperty() perDeliveredRecipient: number;
  @ApiProperty({
    type: [EventTypeValue],
    description: "Human events of the campaign by type, strength × count before the kind's weights",
  })
  byEventType: EventTypeValue[];
}

export class HourlyPoint {
  @ApiProperty({ description: 'Start of the hour, ISO 8601 UTC' }) hour: string;
  @ApiProperty() humanOpens: number;
  @ApiProperty() machineOpens: number;
  @ApiProperty() humanClicks: number;
  @ApiProperty() machineClicks: number;
}

export class Timeline {
  @ApiProperty({ enum: ['hour'] }) interval: 'hour';
  @ApiProperty({ nullable: true, type: String, description: 'First bucket; null before the campaign started' })
  from: string | null;
  @ApiProperty({ nullable: true, type: String }) to: string | null;
  @ApiProperty({ description: 'The campaign runs longer than the series shows (events after `to` are left out)' })
  truncated: boolean;
  @ApiProperty({ type: [HourlyPoint] }) points: HourlyPoint[];
}

export class Deliverability {
  @ApiProperty({ type: Share }) failed: Share;
  @ApiProperty({ type: Share }) suppressed: Share;
  @ApiProperty({ type: Share }) hardBounces: Share;
  @ApiProperty({ type: Share }) softBounces: Share;
  @ApiProperty({ type: Share }) complaints: Share;
  @ApiProperty({ type: Share }) unsubscribes: Share;
}

export class CurrencyRevenue {
  @ApiProperty({ nullable: true, type: String }) currency: string | null;
  @ApiProperty() conversions: number;
  @ApiProperty() conversionAmount: number;
  @ApiProperty() purchases: number;
  @ApiProperty() purchaseAmount: number;
  @ApiProperty() total: number;
}

export class AttributedRevenue {
  @ApiProperty() conversions: number;
  @ApiProperty() purchases: number;
  @ApiProperty({ type: [CurrencyRevenue], description: 'Amounts are never added across currencies' })
  byCurrency: CurrencyRevenue[];
}

/** The kind's own report, as its GET /api/campaigns/:id/report/<kind> answers it. */
export class KindBlock {
  @ApiProperty() kind: CampaignKind;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'GET /api/campaigns/:id/report/<kind>' })
  report: unknown;
}

export class ReportCampaign {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty() kind: CampaignKind;
  @ApiProperty({ enum: CAMPAIGN_STATUSES }) status: CampaignStatus;
  @ApiProperty() subject: string;
  @ApiProperty({ nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
}

export class CampaignReport {
  @ApiProperty({ type: ReportCampaign }) campaign: ReportCampaign;
  @ApiProperty() generatedAt: string;
  @ApiProperty({ type: Funnel }) funnel: Funnel;
  @ApiProperty({ type: KindBlock }) kindBlock: KindBlock;
  @ApiProperty({ type: ValueDelivered }) value: ValueDelivered;
  @ApiProperty({ type: Timeline }) timeline: Timeline;
  @ApiProperty({ type: Deliverability }) deliverability: Deliverability;
  @ApiProperty({ type: AttributedRevenue }) revenue: AttributedRevenue;
}
