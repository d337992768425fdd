import { IsOmittable } from '../../common/omittable';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsObject, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import type { CampaignKind } from '../../campaigns/campaign-kind';
import { IsCampaignKind } from '../../kinds/kind-registry';
import { IsPlainText } from '../../common/plain-text';

export class PreviewSubscriberDto {
  @ApiPropertyOptional({ example: 'Ann' }) @IsOmittable() @IsString() @MaxLength(200)
  @IsPlainText()
  name?: string;

  @ApiPropertyOptional({ example: 'Ann' }) @IsOmittable() @IsString() @MaxLength(100)
  @IsPlainText()
  firstName?: string;

  @ApiPropertyOptional({ example: 'de Vries' }) @IsOmittable() @IsString() @MaxLength(100)
  @IsPlainText()
  lastName?: string;

  @ApiPropertyOptional({ example: 'ann@example.com' }) @IsOmittable() @IsEmail()
  email?: string;

  @ApiPropertyOptional({ example: { city: 'Utrecht' } }) @IsOmittable() @IsObject()
  attributes?: Record<string, unknown>;
}

export class PreviewTemplateDto {
  @ApiProperty({ type: String, description: 'One of the campaign kinds' }) @IsCampaignKind()
  kind: CampaignKind;

  @ApiProperty({ description: "The kind's content (see the kind schemas)", type: 'object', additionalProperties: true }) @IsObject()
  content: Record<string, unknown>;

  @ApiPropertyOptional({ example: 'Hi {{subscriber.name}}, one question' }) @IsOmittable() @IsString() @Length(1, 300)
  @IsPlainText()
  subject?: string;

  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(300)
  @IsPlainText()
  preheader?: string;

  @ApiPropertyOptional({ description: 'Marketer MJML body (mj-section elements) instead of the kind template' })
  @IsOmittable() @IsString()
  customMjml?: string;

  @ApiPropertyOptional({ example: 'nl-NL' }) @IsOmittable() @IsString() @MaxLength(35)
  locale?: string;

  @ApiPropertyOptional({ type: PreviewSubscriberDto }) @IsOmittable() @ValidateNested() @Type(() => PreviewSubscriberDto)
  subscriber?: PreviewSubscriberDto;

  @ApiPropertyOptional({ description: 'Per-recipient kind data, e.g. { couponCode, pointsBalance }' }) @IsOmittable() @IsObject()
  kindData?: Record<string, unknown>;
}

export class PreviewResultDto {
  @ApiProperty() subject: string;
  @ApiProperty() html: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: [String], description: 'Original URLs by tracking link index' }) links: string[];
}
