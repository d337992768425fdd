import { IsOmittable } from '../../common/omittable';
import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
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

export class OtherEventsDto {
  @ApiProperty() count: number;
  @ApiProperty() contribution: number;
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
  @ApiProperty({ type: OtherEventsDto, description: 'Events past the limit, summed' })
  otherEvents: OtherEventsDto;
}

/** The events behind a figure, as the timeline shows them. */
const EVENT_LIST: ApiPropertyOptions = { type: 'array', items: { type: 'object', additionalProperties: true } };

export class NpsAnswerDto {
  @ApiProperty({ description: '0–10' }) score: number;
  @ApiProperty({ enum: ['promoter', 'passive', 'detractor'] }) class: 'promoter' | 'passive' | 'detractor';
  @ApiProperty({ nullable: true, type: String }) answeredAt: string | null;
  @ApiProperty({ nullable: true, type: Number }) campaignId: number | null;
}

export class CsatAnswerDto {
  @ApiProperty({ description: '1–5' }) score: number;
  @ApiProperty({ nullable: true, type: String }) answeredAt: string | null;
  @ApiProperty({ nullable: true, type: Number }) campaignId: number | null;
}

export class SatisfactionDto {
  @ApiProperty({ nullable: true, type: NpsAnswerDto, description: 'The latest NPS answer' }) nps: NpsAnswerDto | null;
  @ApiProperty({ nullable: true, type: CsatAnswerDto, description: 'The latest CSAT answer' })
  csat: CsatAnswerDto | null;
  @ApiProperty({ ...EVENT_LIST, description: 'Every poll answer, with whether it is the one that counts' })
  answers: Array<Record<string, unknown>>;
}

export class BgNbdParamsDto {
  @ApiProperty() r: number;
  @ApiProperty() alpha: number;
  @ApiProperty() a: number;
  @ApiProperty() b: number;
}

/** The BG/NBD model behind a predicted LTV (docs/ltv.md). */
export class LtvModelDto {
  @ApiProperty({ enum: ['BG/NBD'] }) name: 'BG/NBD';
  @ApiProperty({ description: 'Repeat purchases' }) x: number;
  @ApiProperty({ description: 'Months from first to last order' }) tx: number;
  @ApiProperty({ description: 'Months from first order to now' }) T: number;
  @ApiProperty() pAlive: number;
  @ApiProperty() activeMonths: number;
  @ApiProperty() expectedPurchases: number;
  @ApiProperty() horizonMonths: number;
  @ApiProperty({ type: BgNbdParamsDto }) params: BgNbdParamsDto;
  @ApiProperty({ enum: ['fit', 'default'] }) paramsSource: 'fit' | 'default';
  @ApiProperty() sampleSize: number;
  @ApiProperty({ nullable: true, type: String }) fittedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ type: [String] }) assumptions: string[];
}

export class LtvExplanationDto {
  @ApiProperty({ description: 'The LTV: predicted by the model, or with t from LTV_MONTHS' }) value: number;
  @ApiProperty() currency: string;
  @ApiProperty({ example: 'LTV = S × C × P × t' }) formula: string;
  @ApiProperty() S: number;
  @ApiProperty() C: number;
  @ApiProperty() P: number;
  @ApiProperty() t: number;
  @ApiProperty({ enum: ['model', 'setting'] }) tSource: 'model' | 'setting';
  @ApiProperty({ enum: ['model', 'observed'] }) cSource: 'model' | 'observed';
  @ApiProperty({ description: 'Revenue × margin: what the customer already brought' }) historicalValue: number;
  @ApiProperty({ description: 'What segments and reports compare' }) storedValue: number;
  @ApiProperty() observedMonths: number;
  @ApiProperty() observedOrdersPerMonth: number;
  @ApiProperty() orders: number;
  @ApiProperty() revenue: number;
  @ApiProperty({ nullable: true, type: LtvModelDto }) model: LtvModelDto | null;
  @ApiProperty() sentence: string;
  @ApiProperty({ nullable: true, type: String }) firstOrderAt: string | null;
  @ApiProperty({ nullable: true, type: String }) lastOrderAt: string | null;
  @ApiProperty({ ...EVENT_LIST, description: 'Purchases and conversions, with whether each counted' })
  events: Array<Record<string, unknown>>;
}

export class InterestExplanationDto {
  @ApiProperty() topic: string;
  @ApiProperty() score: number;
  @ApiProperty() clicks: number;
  @ApiProperty({ nullable: true, type: String }) lastClickAt: string | null;
  @ApiProperty(EVENT_LIST) events: Array<Record<string, unknown>>;
}

export class LoyaltyExplanationDto {
  @ApiProperty() balance: number;
  @ApiProperty(EVENT_LIST) events: Array<Record<string, unknown>>;
}

export class TrialExplanationDto {
  @ApiProperty({ enum: ['none', 'started', 'converted'] }) status: 'none' | 'started' | 'converted';
  @ApiProperty({ nullable: true, type: String }) since: string | null;
  @ApiProperty(EVENT_LIST) events: Array<Record<string, unknown>>;
}

export class ExcludedEventsDto {
  @ApiProperty() machineEvents: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) byType: Record<string, number>;
}

export class RepeatedEventsDto {
  @ApiProperty() events: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) byType: Record<string, number>;
}

export class ScoresDto {
  @ApiProperty({ type: ScoreExplanationDto }) engagement: ScoreExplanationDto;
  @ApiProperty({ type: ScoreExplanationDto }) functional: ScoreExplanationDto;
  @ApiProperty({ type: ScoreExplanationDto }) economic: ScoreExplanationDto;
  @ApiProperty({ type: ScoreExplanationDto }) emotional: ScoreExplanationDto;
  @ApiProperty({ type: ScoreExplanationDto }) symbolic: ScoreExplanationDto;
}

export class ValueExplanationDto {
  @ApiProperty() subscriberId: number;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty() now: string;
  @ApiProperty({ description: 'The profile includes the event log up to this id' }) asOfEventId: number;
  @ApiProperty({ description: 'Newer events of this subscriber not folded in yet' }) pendingEvents: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The settings the scores were made with' })
  model: Record<string, unknown>;
  @ApiProperty({ type: ScoresDto }) scores: ScoresDto;
  @ApiProperty({ type: SatisfactionDto }) satisfaction: SatisfactionDto;
  @ApiProperty({
    type: LtvExplanationDto,
    description:
      'LTV = S × C × P × t: predicted (t and C from the BG/NBD model at now, or t from LTV_MONTHS), beside historicalValue (revenue × P) and storedValue (what segments compare); model holds x, t_x, T, P(alive), the parameters, their source and sample size (docs/ltv.md)',
  })
  ltv: LtvExplanationDto;
  @ApiProperty({ type: [InterestExplanationDto] }) interests: InterestExplanationDto[];
  @ApiProperty({ type: LoyaltyExplanationDto }) loyalty: LoyaltyExplanationDto;
  @ApiProperty({ type: TrialExplanationDto }) trial: TrialExplanationDto;
  @ApiProperty({
    type: ExcludedEventsDto,
    description: 'Machine-flagged events (privacy proxies, scanners) count for nothing',
  })
  excluded: ExcludedEventsDto;
  @ApiProperty({
    type: RepeatedEventsDto,
    description: 'Repeats of an act already counted (a second open of one mail, a changed answer): kept, counted once',
  })
  repeats: RepeatedEventsDto;
}
