import { IsOmittable } from '../../common/omittable';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { SUBSCRIBER_STATUSES, Subscriber, SubscriberStatus } from '../subscriber.entity';
import { IsWholeNumber } from '../../common/whole-number';
import { IsPlainText } from '../../common/plain-text';
import { IsTimezone } from '../../common/timezone';

export class CreateSubscriberDto {
  @ApiProperty({ example: 'anna@example.nl' })
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ example: 'Anna de Vries', description: 'Without it: made from firstName and lastName' })
  @IsOmittable()
  @IsString()
  @MaxLength(200)
  @IsPlainText()
  name?: string;

  @ApiPropertyOptional({ example: 'Anna', description: 'Used by the "First name" tag' })
  @IsOmittable()
  @IsString()
  @MaxLength(100)
  @IsPlainText()
  firstName?: string;

  @ApiPropertyOptional({ example: 'de Vries' })
  @IsOmittable()
  @IsString()
  @MaxLength(100)
  @IsPlainText()
  lastName?: string;

  @ApiPropertyOptional({ example: { city: 'Utrecht', plan: 'pro' }, description: 'Free JSON attributes' })
  @IsOmittable()
  @IsObject()
  attributes?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: SUBSCRIBER_STATUSES, default: 'active' })
  @IsOmittable()
  @IsIn(SUBSCRIBER_STATUSES)
  status?: SubscriberStatus;

  @ApiPropertyOptional({ example: 'crm-1234', description: 'Your own id for this person' })
  @IsOmittable()
  @IsString()
  @MaxLength(120)
  externalId?: string;

  @ApiPropertyOptional({ example: 'nl' })
  @IsOmittable()
  @Matches(/^[a-z]{2}(-[A-Z]{2})?$/, { message: 'locale must look like "nl" or "nl-BE"' })
  locale?: string;

  @ApiPropertyOptional({ example: 'Europe/Amsterdam', description: 'IANA timezone' })
  @IsOmittable()
  @IsTimezone()
  timezone?: string;

  @ApiPropertyOptional({ default: false })
  @IsOmittable()
  @IsBoolean()
  trackingOptOut?: boolean;
}

export class UpdateSubscriberDto {
  @ApiPropertyOptional({ example: 'Anna de Vries', description: 'Without it: made from firstName and lastName' })
  @IsOmittable()
  @IsString()
  @MaxLength(200)
  @IsPlainText()
  name?: string;

  @ApiPropertyOptional({ example: 'Anna', description: 'Used by the "First name" tag' })
  @IsOmittable()
  @IsString()
  @MaxLength(100)
  @IsPlainText()
  firstName?: string;

  @ApiPropertyOptional({ example: 'de Vries' })
  @IsOmittable()
  @IsString()
  @MaxLength(100)
  @IsPlainText()
  lastName?: string;

  @ApiPropertyOptional({ example: { city: 'Utrecht' }, description: 'Replaces the attributes' })
  @IsOmittable()
  @IsObject()
  attributes?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: SUBSCRIBER_STATUSES })
  @IsOmittable()
  @IsIn(SUBSCRIBER_STATUSES)
  status?: SubscriberStatus;

  @ApiPropertyOptional({ example: 'crm-1234', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  externalId?: string;

  @ApiPropertyOptional({ example: 'nl' })
  @IsOmittable()
  @Matches(/^[a-z]{2}(-[A-Z]{2})?$/, { message: 'locale must look like "nl" or "nl-BE"' })
  locale?: string;

  @ApiPropertyOptional({ example: 'Europe/Amsterdam', nullable: true, description: 'IANA timezone; null = unknown' })
  @IsOptional()
  @IsTimezone()
  timezone?: string | null;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  trackingOptOut?: boolean;
}

export class ListSubscribersQueryDto {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOmittable()
  @IsWholeNumber()
  page?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOmittable()
  @IsWholeNumber({ max: 500 })
  limit?: number;

  @ApiPropertyOptional({ description: 'Search in email and name' })
  @IsOmittable()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: SUBSCRIBER_STATUSES })
  @IsOmittable()
  @IsIn(SUBSCRIBER_STATUSES)
  status?: SubscriberStatus;

  @ApiPropertyOptional({ description: 'Only members of this list (any membership status)' })
  @IsOmittable()
  @IsWholeNumber()
  listId?: number;

  @ApiPropertyOptional({ description: 'Only the people the import run last added or updated' })
  @IsOmittable()
  @IsWholeNumber()
  importRunId?: number;

  @ApiPropertyOptional({
    description: 'Attribute equality filters, given in the query string as attr.<key>=<value>',
    example: { city: 'Utrecht' },
  })
  @IsOmittable()
  @IsObject()
  attr?: Record<string, string>;
}

export class SubscriberDto {
  @ApiProperty() id: number;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty() name: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ nullable: true, type: Number, description: 'The import run that last added or updated them' })
  importId: number | null;
  @ApiProperty({ type: Object }) attributes: Record<string, unknown>;
  @ApiProperty({ enum: SUBSCRIBER_STATUSES }) status: SubscriberStatus;
  @ApiProperty({ nullable: true, type: String }) externalId: string | null;
  @ApiProperty() locale: string;
  @ApiProperty({ nullable: true, type: String, example: 'Europe/Amsterdam' }) timezone: string | null;
  @ApiProperty() trackingOptOut: boolean;
  @ApiProperty({ nullable: true, type: Date }) erasedAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static of(s: Subscriber): SubscriberDto {
    const { emailHash: _hash, ...rest } = s;
    return rest;
  }
}

export class SubscriberPageDto {
  @ApiProperty({ type: [SubscriberDto] }) items: SubscriberDto[];
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
  @ApiProperty() total: number;
}

export class EraseQueryDto {
  @ApiPropertyOptional({
    description: 'GDPR erasure: remove personal data, keep only a hash on the suppression list',
    default: false,
  })
  @IsOmittable()
  @IsIn(['true', 'false'])
  erase?: 'true' | 'false';
}

export class AttributeKeyDto {
  @ApiProperty({ example: 'Stad', description: 'The most used spelling' }) key: string;
  @ApiProperty({ description: 'Subscribers that have it, all spellings together' }) count: number;
  @ApiProperty({ type: [String], example: ['stad'], description: 'Other spellings in use (segments match any)' })
  otherSpellings: string[];
}

export class AttributeValueDto {
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }], example: 'Utrecht' })
  value: string | number | boolean;
  @ApiProperty() count: number;
}

export class AttributeValuesQueryDto {
  @ApiProperty({ example: 'Stad', description: 'An attribute name, any case' })
  @IsString()
  @Matches(/^[A-Za-z0-9_]{1,64}$/, { message: 'key must be an attribute name: letters, digits and _, at most 64' })
  key: string;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOmittable()
  @IsWholeNumber({ max: 100 })
  limit?: number;
}
