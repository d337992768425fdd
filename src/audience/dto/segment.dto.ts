import { IsOmittable } from '../../common/omittable';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { SubscriberDto } from './subscriber.dto';
import { IsWholeNumber } from '../../common/whole-number';
import { IsPlainText } from '../../common/plain-text';

const FILTER_EXAMPLE = {
  all: [
    { field: 'status', op: 'eq', value: 'active' },
    { field: 'list', op: 'in', value: [1, 2] },
    { field: 'attributes.city', op: 'eq', value: 'Utrecht' },
    {
      any: [
        { field: 'attributes.plan', op: 'eq', value: 'pro' },
        { field: 'attributes.orders', op: 'gt', value: 5 },
      ],
    },
  ],
};
const FILTER_DOC =
  'Groups {"all": [...]}, {"any": [...]}, {"not": {...}}; conditions {field, op, value} with op eq, neq, contains, gt, lt, exists, in. ' +
  'Fields: email, name, status, list, externalId, locale, createdAt, updatedAt, attributes.<key>; ' +
  'value scores at now (0–100, as shown, one decimal): value.engagement, value.functional, value.economic, value.emotional, value.symbolic (gt, lt, eq, neq); ' +
  'nps.class (promoter, passive, detractor), nps.score (0–10), csat (1–5), ltv (the stored LTV: value already earned, revenue × margin, or the LTV_MONTHS forecast; not the prediction, which moves with now), loyalty.balance, trial.status (none, started, converted), ' +
  'interest.<topic> (exists, or gt/lt decayed clicks).';

export class CreateSegmentDto {
  @ApiProperty({ example: 'Utrecht pro customers' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsPlainText()
  name: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MaxLength(2000)
  @IsPlainText({ multiLine: true })
  description?: string;

  @ApiProperty({ type: Object, example: FILTER_EXAMPLE, description: FILTER_DOC })
  @IsDefined()
  filter: unknown;
}

export class UpdateSegmentDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsPlainText()
  name?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MaxLength(2000)
  @IsPlainText({ multiLine: true })
  description?: string;

  @ApiPropertyOptional({ type: Object, example: FILTER_EXAMPLE, description: FILTER_DOC })
  @IsOmittable()
  filter?: unknown;
}

export class PreviewSegmentDto {
  @ApiProperty({ type: Object, example: FILTER_EXAMPLE, description: FILTER_DOC })
  @IsDefined()
  filter: unknown;

  @ApiPropertyOptional({ default: 20, maximum: 200 })
  @IsOmittable()
  @IsWholeNumber({ max: 200 })
  limit?: number;
}

export class PreviewQueryDto {
  @ApiPropertyOptional({ default: 20, maximum: 200 })
  @IsOmittable()
  @IsWholeNumber({ max: 200 })
  limit?: number;
}

export class SegmentDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: Object }) filter: unknown;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class SegmentPreviewDto {
  @ApiProperty() count: number;
  @ApiProperty({ type: [SubscriberDto] }) items: SubscriberDto[];
}
