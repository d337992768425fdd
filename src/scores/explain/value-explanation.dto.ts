import { IsOmittable } from '../../common/omittable';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsWholeNumber } from '../../common/whole-number';

export class ExplainQueryDto {
  @ApiPropertyOptional({
    default: 100,
    maximum: 1000,
    description:
      'Events listed per score (largest contribution first; the rest are summed in otherEvents), and the newest clicks per interest and points movements',
  })
  @IsOmittable()
  @IsWholeNumber({ max: 1000 })
  limit?: number;
}

export class ContributionDto {
  @ApiProperty() eventId: number;
  @ApiProperty() type: string;
  @ApiProperty({ nullable: true, type: Number }) campaignId: number | null;
  @ApiProperty({ nullable: true, type: String }) campaignName: string | null;
  @ApiProperty({ nullable: true, type: String }) kind: string | null;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ description: 'open 1, click 3, an action 5' }) strength: number;
  @ApiProperty({ description: "The campaign kind's weight for this dimension (1 engagement)" }) weight: number;
  @ApiProperty({ description: '2^(−age / half-life)' }) decay: number;
  @ApiProperty({ description: 'strength × weight × decay' }) contribution: number;
  @ApiProperty({ description: 'contribution / decayedSum' }) share: number;
}

export class ScoreExplanationDto {
  @ApiProperty({ description: '0–100 at now' }) score: number;
  @ApiProperty({ description: 'The decayed sum at now the score maps from (10 → 50)' }) decayedSum: number;
  @ApiProperty() halfLifeDays: number;
  @ApiProperty({ description: 'How the decayed sum becomes the 0–100 score, with the figures filled in' })
  howScored: string;
  @ApiPropertyOptional({ enum: ['cold', 'warm', 'engaged', 'champion'] }) tier?: string;
  @ApiProperty() eventCount: number;
  @ApiProperty({ type: [ContributionDto] }) events: ContributionDto[];
  @ApiProperty({ description: 'Events past the limit, summed' }) otherEvents: { count: number; contribution: number };
}

export class ValueExplanationDto {
  @ApiProperty() subscriberId: number;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty() now: string;
  @ApiProperty({ description: 'The profile includes the event log up to this id' }) asOfEventId: number;
  @ApiProperty({ description: 'Newer events of this subscriber not folded in yet' }) pendingEvents: number;
  @ApiProperty() model: Record<string, unknown>;
  @ApiProperty() scores: Record<string, ScoreExplanationDto>;
  @ApiProperty() satisfaction: Record<string, unknown>;
  @ApiProperty({
    description:
      'LTV = S × C × P × t: predicted (t and C from the BG/NBD model at now, or t from LTV_MONTHS), beside historicalValue (revenue × P) and storedValue (what segments compare); model holds x, t_x, T, P(alive), the parameters, their source and sample size (docs/ltv.md)',
  })
  ltv: Record<string, unknown>;
  @ApiProperty() interests: Array<Record<string, unknown>>;
  @ApiProperty() loyalty: Record<string, unknown>;
  @ApiProperty() trial: Record<string, unknown>;
  @ApiProperty({ description: 'Machine-flagged events (privacy proxies, scanners) count for nothing' }) excluded: {
    machineEvents: number;
    byType: Record<string, number>;
  };
  @ApiProperty({
    description: 'Repeats of an act already counted (a second open of one mail, a changed answer): kept, counted once',
  })
  repeats: { events: number; byType: Record<string, number> };
}
