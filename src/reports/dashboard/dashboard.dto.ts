import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CampaignKind } from '../../campaigns/campaign-kind';
import { CAMPAIGN_STATUSES, CampaignStatus } from '../../campaigns/campaign-status';

// The JSON of GET /api/dashboard. Rates are fractions 0..1 with four decimals;
// times are ISO 8601 UTC; days and months are UTC.

export class RevenueByCurrencyDto {
  @ApiProperty({ nullable: true, type: String, example: 'EUR' }) currency: string | null;
  @ApiProperty() conversions: number;
  @ApiProperty() conversionAmount: number;
  @ApiProperty() purchases: number;
  @ApiProperty() purchaseAmount: number;
  @ApiProperty() total: number;
}

export class AttributedRevenueDto {
  @ApiProperty() conversions: number;
  @ApiProperty() purchases: number;
  @ApiProperty({
    type: [RevenueByCurrencyDto],
    description: 'Amounts are never added across currencies; largest total first',
  })
  byCurrency: RevenueByCurrencyDto[];
}

export class NpsFiguresDto {
  @ApiProperty({ description: '−100..100' }) score: number;
  @ApiProperty() promoters: number;
  @ApiProperty() passives: number;
  @ApiProperty() detractors: number;
}

/**
 * The kind's one figure worth a glance (`label`, `value`) and, beside them, the
 * figures it is made of, as the kind defines them (src/kinds/<kind>/<kind>.kind.ts,
 * `headlines`; docs/kinds.md lists them), e.g. a poll's `nps` or a gift's `claims`.
 */
export class KindHeadlineDto {
  @ApiProperty({ description: 'The campaign kind' }) kind: CampaignKind;
  @ApiProperty({ example: 'NPS' }) label: string;
  @ApiProperty({
    nullable: true,
    oneOf: [{ type: 'number' }, { type: 'string' }],
    description: 'null when there is nothing to show yet (an NPS without answers, no topic clicked)',
  })
  value: number | string | null;
  // The built-in kinds' figures; a plugin kind may add its own.
  @ApiPropertyOptional({ description: 'Feedback polls' }) pollType?: string;
  @ApiPropertyOptional({ description: 'Feedback polls' }) answers?: number;
  @ApiPropertyOptional({ description: 'Feedback polls' }) responseRate?: number;
  @ApiPropertyOptional({ description: 'Feedback polls', nullable: true, type: () => NpsFiguresDto })
  nps?: NpsFiguresDto | null;
  @ApiPropertyOptional({ description: 'Feedback polls', nullable: true, type: Number }) csatAverage?: number | null;
  @ApiPropertyOptional({ description: 'Discounts and trials' }) redemptions?: number;
  @ApiPropertyOptional({ description: 'Discounts and trials' }) redemptionAmount?: number;
  @ApiPropertyOptional({ description: 'Discounts and trials' }) trialStarts?: number;
  @ApiPropertyOptional({ description: 'Discounts and trials' }) conversions?: number;
  @ApiPropertyOptional({ description: 'Discounts and trials' }) trialToPaidRate?: number;
  @ApiPropertyOptional({ description: 'Discounts and trials' }) trialToPaidBenchmark?: number;
  @ApiPropertyOptional({ description: 'Loyalty points' }) pointsIssued?: number;
  @ApiPropertyOptional({ description: 'Loyalty points' }) bonusCredited?: number;
  @ApiPropertyOptional({ description: 'Gifts' }) claims?: number;
  @ApiPropertyOptional({ description: 'Contests' }) entries?: number;
  @ApiPropertyOptional({ description: 'Service offers' }) requests?: number;
  @ApiPropertyOptional({ description: 'Knowledge sharing', nullable: true, type: String }) topTopic?: string | null;
  @ApiPropertyOptional({ description: 'Knowledge sharing' }) topTopicClicks?: number;
  [figure: string]: unknown;
}

export class RecentCampaignDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'The campaign kind' }) kind: CampaignKind;
  @ApiProperty({ enum: CAMPAIGN_STATUSES }) status: CampaignStatus;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Why it is paused or failed, e.g. "Auto-paused: hard bounce rate …"',
  })
  statusReason: string | null;
  @ApiProperty({ nullable: true, type: String }) scheduledAt: string | null;
  @ApiProperty({ nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
  @ApiProperty({ description: 'Recipients snapshotted so far' }) recipients: number;
  @ApiProperty({ description: 'Messages accepted by the receiving server' }) sent: number;
  @ApiProperty({ description: 'Sent minus hard and soft bounces: the denominator of the rates' }) delivered: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Share of recipients done (sent, failed or suppressed), 0..1, while running or paused; null otherwise',
  })
  progress: number | null;
  @ApiProperty({ description: 'Recipients with at least one human open' }) openers: number;
  @ApiProperty({ description: 'openers / delivered' }) openRate: number;
  @ApiProperty({ description: 'Recipients with at least one human click' }) clickers: number;
  @ApiProperty({ description: 'clickers / delivered' }) clickRate: number;
  @ApiProperty({ description: "Recipients who did the kind's action (as in the campaign report)" }) acted: number;
  @ApiProperty({ description: 'acted / delivered' }) actRate: number;
  @ApiProperty({ example: 'answered the poll' }) action: string;
  @ApiProperty({
    type: AttributedRevenueDto,
    description: 'Conversions and purchases credited to the campaign (last touch)',
  })
  revenue: AttributedRevenueDto;
  @ApiProperty({ type: KindHeadlineDto }) headline: KindHeadlineDto;
}

export class SubscriberDayDto {
  @ApiProperty({ example: '2026-03-01' }) date: string;
  @ApiProperty({ description: 'Active subscribers at the end of the day (UTC)' }) active: number;
  @ApiProperty({ description: 'Subscribers created that day' }) joined: number;
  @ApiProperty({
    description:
      'Subscribers who stopped being active that day (unsubscribed, bounced, complained, blocklisted, erased)',
  })
  left: number;
}

export class SubscribersOverTimeDto {
  @ApiProperty({ description: 'Active subscribers now' }) total: number;
  @ApiProperty({ description: 'Subscribers created in the last 30 days (today included)' }) newLast30Days: number;
  @ApiProperty({
    description: 'Subscribers who unsubscribed from everything in the last 30 days and are still unsubscribed',
  })
  unsubscribedLast30Days: number;
  @ApiProperty({ description: 'Subscribers who stopped being active for any reason in the last 30 days' })
  leftLast30Days: number;
  @ApiProperty({ description: 'How the history is derived' }) basis: string;
  @ApiProperty({ type: [SubscriberDayDto], description: 'The last 90 days, oldest first, today last' })
  points: SubscriberDayDto[];
}

export class NpsMonthDto {
  @ApiProperty({ example: '2026-03', description: 'The month; for `overall` the span, e.g. 2025-04/2026-03' })
  month: string;
  @ApiProperty() answers: number;
  @ApiProperty() promoters: number;
  @ApiProperty() passives: number;
  @ApiProperty() detractors: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Whole number −100..100; null without answers' }) nps:
    number | null;
}

export class NpsOverTimeDto {
  @ApiProperty({ description: 'What is counted' }) basis: string;
  @ApiProperty({ type: NpsMonthDto, description: 'All twelve months together' }) overall: NpsMonthDto;
  @ApiProperty({
    type: [NpsMonthDto],
    description: 'The last 12 months, oldest first, the current month last; months without answers included',
  })
  points: NpsMonthDto[];
}

export class DimensionAveragesDto {
  @ApiProperty() functional: number;
  @ApiProperty() economic: number;
  @ApiProperty() emotional: number;
  @ApiProperty() symbolic: number;
}

export class ValueDimensionsDto {
  @ApiProperty({
    nullable: true,
    enum: ['profiles'],
    type: String,
    description: 'Where the averages come from; null when they cannot be given yet',
  })
  source: 'profiles' | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why there are no averages, in a sentence' }) reason:
    string | null;
  @ApiProperty({ description: 'Active subscribers averaged over (those without a profile count as 0)' })
  subscribers: number;
  @ApiProperty({
    type: DimensionAveragesDto,
    nullable: true,
    description: 'Average 0–100 score per dimension, one decimal',
  })
  averages: DimensionAveragesDto | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'When the averages were read: one reading serves for up to 5 minutes',
  })
  computedAt: string | null;
}

export const ATTENTION_SEVERITIES = ['critical', 'warning', 'info'] as const;
export type AttentionSeverity = (typeof ATTENTION_SEVERITIES)[number];

export const ATTENTION_TYPES = [
  'campaign_auto_paused',
  'campaign_paused',
  'campaign_failed',
  'high_hard_bounce_rate',
  'high_complaint_rate',
  'scheduled_without_recipients',
  'failed_deliveries',
  'uncertain_deliveries',
  'webhook_disabled',
  'import_failed',
  'import_bad_rows',
  'confirmation_cap_reached',
] as const;
export type AttentionType = (typeof ATTENTION_TYPES)[number];

export const ATTENTION_LINKS = ['campaign', 'list', 'import', 'webhook'] as const;

export class AttentionLinkDto {
  @ApiProperty({ enum: ATTENTION_LINKS, description: 'What to open: the campaign, list, import or webhook endpoint' })
  type: (typeof ATTENTION_LINKS)[number];
  @ApiProperty() id: number;
}

export class AttentionItemDto {
  @ApiProperty({ enum: ATTENTION_SEVERITIES }) severity: AttentionSeverity;
  @ApiProperty({ enum: ATTENTION_TYPES }) type: AttentionType;
  @ApiProperty({
    example:
      '“Spring sale” was paused automatically: hard bounce rate 6.00% passed 5.00%. Clean the list before resuming.',
  })
  message: string;
  @ApiProperty({ type: AttentionLinkDto }) link: AttentionLinkDto;
  @ApiProperty({ nullable: true, type: String, description: 'When it happened, as far as it is known' }) at:
    string | null;
}

export class DashboardDto {
  @ApiProperty() generatedAt: string;
  @ApiProperty({ type: [RecentCampaignDto], description: 'The last 8 campaigns created, any status, newest first' })
  recentCampaigns: RecentCampaignDto[];
  @ApiProperty({ type: SubscribersOverTimeDto }) subscribersOverTime: SubscribersOverTimeDto;
  @ApiProperty({ type: NpsOverTimeDto }) npsOverTime: NpsOverTimeDto;
  @ApiProperty({ type: ValueDimensionsDto }) valueDimensions: ValueDimensionsDto;
  @ApiProperty({
    type: [AttentionItemDto],
    description: 'Critical first, then warnings, then information; newest first within each',
  })
  attention: AttentionItemDto[];
}
