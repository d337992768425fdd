import { IsOmittable } from '../../common/omittable';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import { IsWholeNumber } from '../../common/whole-number';

const ZONED = /(Z|[+-]\d{2}:?\d{2})$/;

// class-validator's maxDecimalPlaces reads the decimals from toString() and throws on
// exponent notation (5e-324): whole cents are checked on the number instead.
const IsMoneyAmount = (): PropertyDecorator =>
  ValidateBy({
    name: 'isMoneyAmount',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'number' && Number.isFinite(value) && Math.abs(value * 100 - Math.round(value * 100)) < 1e-6,
      defaultMessage: () => 'amount must be a number with at most 2 decimals',
    },
  });

/** Exactly one of these names the subscriber. */
export class SubscriberRefDto {
  @ApiPropertyOptional({ example: 42 }) @IsOmittable() @IsWholeNumber() subscriberId?: number;
  @ApiPropertyOptional({ example: 'anna@example.com' }) @IsOmittable() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional({ example: 'crm-10042', description: "The marketer's own id (subscribers.externalId)" })
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  externalId?: string;
}

class MoneyDto extends SubscriberRefDto {
  @ApiProperty({ example: 49.95, description: 'In currency units, at most 2 decimals, 0 or more' })
  @IsMoneyAmount()
  @Min(0, { message: 'amount must not be negative' })
  @Max(1_000_000_000, { message: 'amount must be at most 1000000000' })
  amount: number;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217 code' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter ISO 4217 code such as EUR' })
  currency: string;

  @ApiPropertyOptional({
    example: '2026-11-20T10:00:00Z',
    description: 'When it happened (ISO 8601 with zone); now when omitted',
  })
  @IsOmittable()
  @IsISO8601({ strict: true })
  @Matches(ZONED, { message: 'at must include a zone, e.g. 2026-11-20T10:00:00Z' })
  at?: string;

  @ApiPropertyOptional({ type: Object, description: 'Free-form extra data kept with the event' })
  @IsOmittable()
  @IsObject()
  metadata?: Record<string, unknown>;
}

export class ConversionDto extends MoneyDto {
  @ApiProperty({ example: 'pro-yearly', description: 'The paid plan the trial converted to' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  plan: string;
}

export class PurchaseDto extends MoneyDto {
  @ApiProperty({ example: 'ORD-2026-1001', description: 'Your order id: one order is counted once' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  orderId: string;
}

/** Items are checked one by one, so one bad item does not sink the other 999. */
export class BatchDto {
  @ApiProperty({ type: [Object], description: 'Up to 1000 items, each a conversion or purchase body' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000, { message: 'a batch holds at most 1000 items' })
  @IsObject({ each: true, message: 'each item must be an object' })
  items: Array<Record<string, unknown>>;
}

export class AttributionDto {
  @ApiProperty() campaignId: number;
  @ApiProperty({ description: 'The event that earned the credit' }) eventId: number;
  @ApiProperty() eventType: string;
  @ApiProperty() at: string;
}

export class RecordedEventDto {
  @ApiProperty() eventId: number;
  @ApiProperty({ enum: ['conversion', 'purchase'] }) type: 'conversion' | 'purchase';
  @ApiProperty() subscriberId: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'The attributed campaign' }) campaignId:
    number | null;
  @ApiPropertyOptional({ nullable: true, type: AttributionDto }) attribution: AttributionDto | null;
  @ApiProperty() occurredAt: string;
  @ApiProperty() amount: number;
  @ApiProperty() currency: string;
  @ApiPropertyOptional() plan?: string;
  @ApiPropertyOptional() orderId?: string;
}

export class BatchItemResultDto {
  @ApiProperty() index: number;
  @ApiProperty({ description: '201, or the 4xx the single endpoint would answer' }) status: number;
  @ApiPropertyOptional({ type: RecordedEventDto }) event?: RecordedEventDto;
  @ApiPropertyOptional() code?: string;
  @ApiPropertyOptional() message?: string;
}

export class BatchResultDto {
  @ApiProperty() recorded: number;
  @ApiProperty() failed: number;
  @ApiProperty({ type: [BatchItemResultDto] }) results: BatchItemResultDto[];
}
