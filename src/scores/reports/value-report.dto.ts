import { IsOmittable } from '../../common/omittable';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsWholeNumber } from '../../common/whole-number';
import { UNSUBSCRIBE_REASONS, UnsubscribeReason } from '../../audience/unsubscribe/unsubscribe-feedback.entity';

export class ValueReportQueryDto {
  @ApiPropertyOptional({
    enum: ['day', 'week'],
    description: 'Size-over-time buckets; by default days up to 92 days of history, weeks beyond',
  })
  @IsOmittable()
  @IsIn(['day', 'week'])
  bucket?: 'day' | 'week';

  @ApiPropertyOptional({ default: 10, maximum: 100, description: 'How many top and at-risk subscribers to list' })
  @IsOmittable()
  @IsWholeNumber({ max: 100 })
  limit?: number;
}

export class SizePointDto {
  @ApiProperty({ example: '2026-11-23', description: 'First day of the bucket (weeks start on Monday, UTC)' })
  start: string;
  @ApiProperty() joined: number;
  @ApiProperty() left: number;
  @ApiProperty({ description: 'Members at the end of the bucket' }) size: number;
}

/** Named apart from the dashboard's NpsMonthDto: the document holds one schema per name. */
export class AudienceNpsMonthDto {
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty() answers: number;
  @ApiProperty() promoters: number;
  @ApiProperty() passives: number;
  @ApiProperty() detractors: number;
  @ApiProperty({ description: '% promoters − % detractors, −100..100' }) nps: number;
}

export class LtvDistributionDto {
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'Members with at least one order; the quantiles are over them' }) customers: number;
  @ApiProperty({ nullable: true, type: Number }) p10: number | null;
  @ApiProperty({ nullable: true, type: Number }) p25: number | null;
  @ApiProperty({ nullable: true, type: Number }) p50: number | null;
  @ApiProperty({ nullable: true, type: Number }) p75: number | null;
  @ApiProperty({ nullable: true, type: Number }) p90: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean over customers' }) mean: number | null;
  @ApiProperty({ description: 'Mean over all members (non-customers count 0)' }) meanPerMember: number;
  @ApiProperty() total: number;
}

export class RiskReasonDto {
  @ApiProperty() code: string;
  @ApiProperty() message: string;
}

export class ReportSubscriberDto {
  @ApiProperty() subscriberId: number;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Sum of the four value dimensions at now, 0–400' }) totalValue: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) scores: Record<string, number>;
  @ApiProperty() ltv: number;
  @ApiProperty({ nullable: true, type: String }) npsClass: string | null;
  @ApiPropertyOptional({ type: [RiskReasonDto], description: 'Why the subscriber is at risk' })
  reasons?: RiskReasonDto[];
}

export class ReportAudienceDto {
  @ApiProperty({ enum: ['list', 'segment'] }) type: 'list' | 'segment';
  @ApiProperty() id: number;
  @ApiProperty() name: string;
}

export class AudienceSizeDto {
  @ApiProperty({ enum: ['day', 'week'] }) bucket: 'day' | 'week';
  @ApiProperty() basis: string;
  @ApiProperty({ type: [SizePointDto] }) points: SizePointDto[];
}

export class CurrentNpsDto {
  @ApiProperty() answered: number;
  @ApiProperty() promoters: number;
  @ApiProperty() passives: number;
  @ApiProperty() detractors: number;
  @ApiProperty({ nullable: true, type: Number }) nps: number | null;
}

export class AudienceNpsDto {
  @ApiProperty({ type: CurrentNpsDto }) current: CurrentNpsDto;
  @ApiProperty({ type: [AudienceNpsMonthDto] }) months: AudienceNpsMonthDto[];
}

export class EngagementBandDto {
  @ApiProperty() from: number;
  @ApiProperty() to: number;
  @ApiProperty() count: number;
}

export class AtRiskDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) rules: Record<string, string>;
  @ApiProperty({ type: [ReportSubscriberDto] }) subscribers: ReportSubscriberDto[];
}

export class ReasonCountDto {
  @ApiProperty({ enum: UNSUBSCRIBE_REASONS }) reason: UnsubscribeReason;
  @ApiProperty() count: number;
}

export class FeedbackNoteDto {
  @ApiProperty({ enum: UNSUBSCRIBE_REASONS }) reason: UnsubscribeReason;
  @ApiProperty() note: string;
  @ApiProperty() at: string;
  @ApiProperty({ nullable: true, type: Number }) campaignId: number | null;
}

export class UnsubscribeFeedbackDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [ReasonCountDto] }) byReason: ReasonCountDto[];
  @ApiProperty({ type: [FeedbackNoteDto] }) notes: FeedbackNoteDto[];
}

export class ValueReportDto {
  @ApiProperty({ type: ReportAudienceDto }) audience: ReportAudienceDto;
  @ApiProperty() generatedAt: string;
  @ApiProperty() members: number;
  @ApiProperty({ type: AudienceSizeDto }) size: AudienceSizeDto;
  @ApiProperty({ type: AudienceNpsDto }) nps: AudienceNpsDto;
  @ApiProperty({ type: LtvDistributionDto }) ltv: LtvDistributionDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Mean score at now over all members (without a profile: 0)',
  })
  averageValue: Record<string, number>;
  @ApiProperty({
    type: [EngagementBandDto],
    description:
      'Members per engagement band 0–20, 20–40, 40–60, 60–80, 80–100 (upper bound exclusive, 100 in the last)',
  })
  engagementDistribution: EngagementBandDto[];
  @ApiProperty({ type: [ReportSubscriberDto] }) top: ReportSubscriberDto[];
  @ApiProperty({ type: AtRiskDto }) atRisk: AtRiskDto;
  @ApiPropertyOptional({
    type: UnsubscribeFeedbackDto,
    description:
      'Lists only: why people left (optional answers on the unsubscribe page), counts per reason and the latest written notes',
  })
  unsubscribeFeedback?: UnsubscribeFeedbackDto;
}
