import { IsOmittable } from '../../common/omittable';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsWholeNumber } from '../../common/whole-number';

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

export class NpsMonthDto {
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

export class ReportSubscriberDto {
  @ApiProperty() subscriberId: number;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Sum of the four value dimensions at now, 0–400' }) totalValue: number;
  @ApiProperty() scores: Record<string, number>;
  @ApiProperty() ltv: number;
  @ApiProperty({ nullable: true, type: String }) npsClass: string | null;
  @ApiPropertyOptional({ description: 'Why the subscriber is at risk' }) reasons?: Array<{
    code: string;
    message: string;
  }>;
}

export class ValueReportDto {
  @ApiProperty({ description: '{ type: "list" | "segment", id, name }' }) audience: {
    type: 'list' | 'segment';
    id: number;
    name: string;
  };
  @ApiProperty() generatedAt: string;
  @ApiProperty() members: number;
  @ApiProperty() size: { bucket: 'day' | 'week'; basis: string; points: SizePointDto[] };
  @ApiProperty() nps: {
    current: { answered: number; promoters: number; passives: number; detractors: number; nps: number | null };
    months: NpsMonthDto[];
  };
  @ApiProperty({ type: LtvDistributionDto }) ltv: LtvDistributionDto;
  @ApiProperty({ description: 'Mean score at now over all members (without a profile: 0)' }) averageValue: Record<
    string,
    number
  >;
  @ApiProperty({
    description:
      'Members per engagement band 0–20, 20–40, 40–60, 60–80, 80–100 (upper bound exclusive, 100 in the last)',
  })
  engagementDistribution: Array<{ from: number; to: number; count: number }>;
  @ApiProperty({ type: [ReportSubscriberDto] }) top: ReportSubscriberDto[];
  @ApiProperty() atRisk: { total: number; rules: Record<string, string>; subscribers: ReportSubscriberDto[] };
  @ApiProperty({
    required: false,
    description:
      'Lists only: why people left (optional answers on the unsubscribe page), counts per reason and the latest written notes',
  })
  unsubscribeFeedback?: {
    total: number;
    byReason: Array<{ reason: string; count: number }>;
    notes: Array<{ reason: string; note: string; at: string; campaignId: number | null }>;
  };
}
