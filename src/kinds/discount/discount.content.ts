import { IsOmittable } from '../../common/omittable';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsPositive,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
} from 'class-validator';

export const OFFER_TYPES = ['percent', 'amount', 'free_shipping', 'trial'] as const;
export type OfferType = (typeof OFFER_TYPES)[number];
export const CODE_MODES = ['shared', 'unique'] as const;

export class DiscountContent {
  @ApiProperty({ enum: OFFER_TYPES })
  @IsIn(OFFER_TYPES)
  offerType: OfferType;

  @ApiPropertyOptional({ description: 'Percent (1-100) or amount; required for percent and amount offers' })
  @ValidateIf((o: DiscountContent) => o.offerType === 'percent' || o.offerType === 'amount' || o.value !== undefined)
  @IsNumber()
  @IsPositive()
  @ValidateBy({
    name: 'percentAtMost100',
    validator: {
      validate: (v, args) =>
        (args?.object as DiscountContent).offerType !== 'percent' || (typeof v === 'number' && v <= 100),
      defaultMessage: () => 'value must be at most 100 for a percent offer',
    },
  })
  value?: number;

  @ApiPropertyOptional({ example: 'EUR', description: 'ISO 4217; required for amount offers and minimum orders' })
  @ValidateIf((o: DiscountContent) => o.offerType === 'amount' || o.minOrder !== undefined || o.currency !== undefined)
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter ISO 4217 code such as EUR' })
  currency?: string;

  @ApiProperty({ enum: CODE_MODES })
  @IsIn(CODE_MODES)
  codeMode: (typeof CODE_MODES)[number];

  @ApiPropertyOptional({ example: 'SPRING20', description: 'Required when codeMode is shared' })
  @ValidateIf((o: DiscountContent) => o.codeMode === 'shared' || o.sharedCode !== undefined)
  @Matches(/^[A-Za-z0-9_-]{3,40}$/, { message: 'sharedCode must be 3-40 letters, digits, - or _' })
  sharedCode?: string;

  @ApiPropertyOptional({ example: 'SPR-XXXX-XXXX', description: 'Unique code pattern; X is a random character' })
  @IsOmittable()
  @Matches(/^[A-Z0-9-]*X{4,}[A-Z0-9X-]*$/, { message: 'codePattern must contain at least four X placeholders' })
  codePattern?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsISO8601()
  validFrom?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsISO8601()
  validUntil?: string;

  @ApiPropertyOptional({ example: 50 })
  @IsOmittable()
  @IsNumber()
  @IsPositive()
  minOrder?: number;

  @ApiPropertyOptional({ example: 'Pro', description: 'Required for trial offers' })
  @ValidateIf((o: DiscountContent) => o.offerType === 'trial' || o.trialPlan !== undefined)
  @IsString()
  @Length(1, 80)
  trialPlan?: string;

  @ApiPropertyOptional({ example: 14, description: 'Required for trial offers' })
  @ValidateIf((o: DiscountContent) => o.offerType === 'trial' || o.trialDays !== undefined)
  @IsInt()
  @Min(1)
  @Max(365)
  trialDays?: number;

  @ApiProperty({ example: 'Spring is here: 20% off everything' })
  @IsString()
  @Length(1, 200)
  headline: string;

  @ApiProperty({ example: 'Stock up on our spring teas before they are gone.' })
  @IsString()
  @Length(1, 5000)
  body: string;

  @ApiPropertyOptional({
    example: 'https://shop.example/spring',
    description: 'Where "shop now" goes (a tracked link)',
  })
  @IsOmittable()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  shopUrl?: string;

  @ApiPropertyOptional({ example: 'Shop the spring teas' })
  @IsOmittable()
  @IsString()
  @Length(1, 60)
  shopLabel?: string;
}

export const discountSample: DiscountContent = {
  offerType: 'percent',
  value: 20,
  currency: 'EUR',
  codeMode: 'unique',
  codePattern: 'SPR-XXXX-XXXX',
  validFrom: '2030-03-20T00:00:00Z',
  validUntil: '2030-04-20T23:59:59Z',
  minOrder: 50,
  headline: 'Spring is here: 20% off all teas',
  body: 'Stock up on our first-flush spring teas before they are gone.\nYour personal code works once, on any order.',
  shopUrl: 'https://greenleaf.example/shop/spring?utm_source=newsletter&utm_campaign=spring',
  shopLabel: 'Shop the spring teas',
};
