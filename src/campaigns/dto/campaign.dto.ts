import { IsOmittable } from '../../common/omittable';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { CampaignKind } from '../campaign-kind';
import { IsCampaignKind } from '../../kinds/kind-registry';
import { CAMPAIGN_STATUSES, CampaignStatus } from '../campaign-status';
import { CAMPAIGN_LOCALE_MESSAGE, CAMPAIGN_LOCALE_PATTERN } from '../../i18n/locale';
import { IsWholeNumber } from '../../common/whole-number';
import { IsPlainText } from '../../common/plain-text';

// An empty sender field means "not filled in" (the default sender's part, or no Reply-To), so clearing it in the composer sticks.
const EmptyAllowed = (): PropertyDecorator => ValidateIf((_object, value) => value !== '');
const FROM_EMAIL_DOC = { description: 'Empty or left out: the default address (MAIL_FROM), under the From name' };
const REPLY_TO_DOC = { description: 'Empty or left out: no Reply-To (replies go to the From address)' };

export class AudienceDto {
  @ApiProperty({ type: [Number], description: 'Lists whose confirmed members receive the campaign (deduplicated)' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsWholeNumber({}, { each: true })
  listIds: number[];

  @ApiPropertyOptional({ description: 'A saved segment (alone, or narrowing the lists)' })
  @IsOmittable()
  @IsWholeNumber()
  segmentId?: number;

  @ApiPropertyOptional({ type: [Number], description: 'Members of these lists are left out' })
  @IsOmittable()
  @IsArray()
  @IsWholeNumber({}, { each: true })
  excludeListIds?: number[];
}

export class UtmDto {
  @ApiPropertyOptional({ example: 'valuemail' })
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  source?: string;
  @ApiPropertyOptional({ example: 'email' }) @IsOmittable() @IsString() @IsNotEmpty() @MaxLength(100) medium?: string;
  @ApiPropertyOptional({ example: 'spring-sale' })
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  campaign?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @IsNotEmpty() @MaxLength(100) term?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @IsNotEmpty() @MaxLength(100) content?: string;
}

export class CreateCampaignDto {
  @ApiProperty({ type: String, description: 'One of the campaign kinds (see docs/kinds.md)' })
  @IsCampaignKind()
  kind: CampaignKind;

  @ApiProperty({ example: 'Spring NPS survey' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsPlainText()
  name: string;

  @ApiProperty({ example: 'How likely are you to recommend us, {{subscriber.name}}?' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  @IsPlainText()
  subject: string;

  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(500) @IsPlainText() preheader?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(200) @IsPlainText() fromName?: string;
  @ApiPropertyOptional(FROM_EMAIL_DOC) @IsOmittable() @EmptyAllowed() @IsEmail() fromEmail?: string;
  @ApiPropertyOptional(REPLY_TO_DOC) @IsOmittable() @EmptyAllowed() @IsEmail() replyTo?: string;

  @ApiProperty({ type: AudienceDto })
  @ValidateNested()
  @Type(() => AudienceDto)
  audience: AudienceDto;

  @ApiPropertyOptional({ description: "The kind's content (see the kind schemas)", type: Object })
  @IsOmittable()
  @IsObject()
  content?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Marketer-written MJML instead of the kind template' })
  @IsOmittable()
  @IsString()
  @MaxLength(512 * 1024)
  customMjml?: string;

  @ApiPropertyOptional({
    example: 'nl',
    description:
      'Language of the fixed texts in the mail and its public pages (en, nl, optionally with a region); default DEFAULT_LOCALE',
  })
  @IsOmittable()
  @Matches(CAMPAIGN_LOCALE_PATTERN, { message: CAMPAIGN_LOCALE_MESSAGE })
  locale?: string;

  @ApiPropertyOptional({
    example: '2026-12-01T09:00:00+01:00',
    description: 'ISO 8601 with zone; schedules the campaign',
  })
  @IsOmittable()
  @IsISO8601({ strict: true })
  scheduledAt?: string;

  @ApiPropertyOptional({ example: 'Europe/Amsterdam' }) @IsOmittable() @IsString() @MaxLength(64) timezone?: string;
  @ApiPropertyOptional({ example: 'default' }) @IsOmittable() @IsString() @MaxLength(64) transport?: string;

  @ApiPropertyOptional({
    type: UtmDto,
    description: 'utm_* parameters added to every tracked link (parameters a link already has are kept)',
  })
  @IsOmittable()
  @ValidateNested()
  @Type(() => UtmDto)
  utm?: UtmDto;
}

export class UpdateCampaignDto {
  @ApiPropertyOptional() @IsOmittable() @IsString() @IsNotEmpty() @MaxLength(200) @IsPlainText() name?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @IsNotEmpty() @MaxLength(500) @IsPlainText() subject?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(500) @IsPlainText() preheader?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(200) @IsPlainText() fromName?: string;
  @ApiPropertyOptional(FROM_EMAIL_DOC) @IsOmittable() @EmptyAllowed() @IsEmail() fromEmail?: string;
  @ApiPropertyOptional(REPLY_TO_DOC) @IsOmittable() @EmptyAllowed() @IsEmail() replyTo?: string;
  @ApiPropertyOptional({ type: AudienceDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => AudienceDto)
  audience?: AudienceDto;
  @ApiPropertyOptional({ type: Object }) @IsOmittable() @IsObject() content?: Record<string, unknown>;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(512 * 1024) customMjml?: string;
  @ApiPropertyOptional()
  @IsOmittable()
  @Matches(CAMPAIGN_LOCALE_PATTERN, { message: CAMPAIGN_LOCALE_MESSAGE })
  locale?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(64) timezone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) transport?: string;
  @ApiPropertyOptional({ type: UtmDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => UtmDto)
  utm?: UtmDto | null;
}

export class ScheduleCampaignDto {
  @ApiProperty({ example: '2026-12-01T09:00:00+01:00', description: 'ISO 8601 with an explicit zone or offset' })
  @IsISO8601({ strict: true })
  @Matches(/(Z|[+-]\d{2}:?\d{2})$/, {
    message: 'scheduledAt must include a zone, e.g. 2026-12-01T09:00:00+01:00 or ...Z',
  })
  scheduledAt: string;
}

export class ListCampaignsQuery {
  @ApiPropertyOptional({ enum: CAMPAIGN_STATUSES }) @IsOmittable() @IsIn(CAMPAIGN_STATUSES) status?: CampaignStatus;
  @ApiPropertyOptional({ default: 1 }) @IsOmittable() @IsWholeNumber() page?: number;
  @ApiPropertyOptional({ default: 50 }) @IsOmittable() @IsWholeNumber() limit?: number;
}

export class CampaignProgressDto {
  @ApiProperty() campaignId: number;
  @ApiProperty({ enum: CAMPAIGN_STATUSES }) status: CampaignStatus;
  @ApiProperty({ description: 'Recipients snapshotted so far (grows until audienceComplete)' }) total: number;
  @ApiProperty({ description: 'Waiting to be sent, including rows waiting for a retry' }) queued: number;
  @ApiProperty({ description: 'Claimed by a worker right now' }) sending: number;
  @ApiProperty() sent: number;
  @ApiProperty() failed: number;
  @ApiProperty() suppressed: number;
  @ApiProperty({
    description:
      'Rows whose worker died mid-send and were retried once: the only possible duplicates (counted once each, whatever their state now)',
  })
  uncertain: number;
  @ApiProperty({ description: 'Share of total done (sent, failed or suppressed), 0..1' }) progress: number;
  @ApiProperty({ description: 'Messages per second over the last 10 s' }) rate: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Seconds left at the current rate; null while nothing is moving (paused, throttled)',
  })
  etaSeconds: number | null;
  @ApiProperty() audienceComplete: boolean;
  @ApiProperty({ nullable: true, type: String }) statusReason: string | null;
  @ApiProperty({
    nullable: true,
    type: () => SmtpWaitDto,
    description: 'Set while the SMTP transport is down: sending waits for it without counting attempts',
  })
  waitingForSmtp: SmtpWaitDto | null;
}

export class SmtpWaitDto {
  @ApiProperty() transport: string;
  @ApiProperty({ description: 'When sending through it first failed' }) since: Date;
  @ApiProperty({ description: 'What the relay or the connection said last' }) reason: string;
  @ApiProperty({ description: 'When the next connection attempt runs' }) nextProbeAt: Date;
}

export class PreviewCampaignQuery {
  @ApiPropertyOptional({ description: 'Render for this subscriber; a sample subscriber when omitted' })
  @IsOmittable()
  @IsWholeNumber()
  subscriberId?: number;
}

export class TestSendDto {
  @ApiProperty({ type: [String], example: ['you@example.com'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsEmail({}, { each: true, message: 'each test address must be an email address' })
  to: string[];
}

export class TestSendResultDto {
  @ApiProperty({ type: [String] }) sent: string[];
  @ApiProperty({ type: [String] }) messageIds: string[];
}
