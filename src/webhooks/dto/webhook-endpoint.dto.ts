import { IsOmittable } from '../../common/omittable';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { WEBHOOK_EVENT_NAMES } from '../webhook-events';
import { IsPlainText } from '../../common/plain-text';
import { IsWholeNumber } from '../../common/whole-number';

const EVENT_CHOICES = ['*', ...WEBHOOK_EVENT_NAMES];
const EVENTS_MESSAGE = `events must list event names (${WEBHOOK_EVENT_NAMES.join(', ')}) or be ["*"] for every event`;

export class CreateWebhookDto {
  @ApiProperty({ example: 'CRM sync', description: 'A name to recognise the webhook by' })
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty: give the webhook a name, e.g. "CRM sync"' })
  @MaxLength(100)
  @IsPlainText()
  name: string;

  @ApiProperty({
    example: 'https://crm.example.com/hooks/valuemail',
    description: 'http:// or https:// on a public address (see WEBHOOKS_ALLOW_PRIVATE)',
  })
  @IsString()
  @IsNotEmpty({ message: 'url must not be empty: give the address that should receive the events' })
  @MaxLength(2000)
  url: string;

  @ApiPropertyOptional({
    description: 'Signing secret (16–200 characters). Left out: one is generated and shown once in the answer.',
  })
  @IsOmittable()
  @IsString()
  @MinLength(16, { message: 'secret must be at least 16 characters long (leave it out and one is generated)' })
  @MaxLength(200)
  secret?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['poll.answered', 'trial.converted'],
    default: ['*'],
    description: 'Event names to receive, or ["*"] for all',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1, { message: 'events must name at least one event, or be ["*"] for every event' })
  @ArrayMaxSize(50)
  @IsIn(EVENT_CHOICES, { each: true, message: EVENTS_MESSAGE })
  events?: string[];

  @ApiPropertyOptional({
    default: false,
    description:
      'Also send opens and clicks flagged as machine-made (privacy proxies, link scanners), marked machine: true',
  })
  @IsOmittable()
  @IsBoolean()
  includeMachine?: boolean;

  @ApiPropertyOptional({ default: true })
  @IsOmittable()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ example: 'Sends poll answers to the CRM' })
  @IsOmittable()
  @IsString()
  @MaxLength(500)
  @IsPlainText({ multiLine: true })
  description?: string;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(100)
  @IsPlainText()
  name?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @IsNotEmpty({ message: 'url must not be empty' })
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1, { message: 'events must name at least one event, or be ["*"] for every event' })
  @ArrayMaxSize(50)
  @IsIn(EVENT_CHOICES, { each: true, message: EVENTS_MESSAGE })
  events?: string[];

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  includeMachine?: boolean;

  @ApiPropertyOptional({
    description: 'Enabling again clears the reason it was disabled; it receives events from now on',
  })
  @IsOmittable()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MaxLength(500)
  @IsPlainText({ multiLine: true })
  description?: string;
}

export class WebhookDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty() url: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [String], description: '["*"] = every event' }) events: string[];
  @ApiProperty() includeMachine: boolean;
  @ApiProperty() enabled: boolean;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Why it was disabled automatically (410 Gone, too many failures)',
  })
  disabledReason: string | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) disabledAt: Date | null;
  @ApiProperty({ description: 'Deliveries in a row that failed for good' }) consecutiveFailures: number;
  @ApiPropertyOptional({ nullable: true, type: Date }) lastSuccessAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) lastFailureAt: Date | null;
  @ApiProperty({ example: 'whsec_…x9Qa', description: 'The end of the secret, to recognise it' }) secretHint: string;
  @ApiPropertyOptional({
    nullable: true,
    type: Date,
    description: 'After a rotation: the previous secret also signs until then',
  })
  previousSecretUntil: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class CreatedWebhookDto extends WebhookDto {
  @ApiProperty({ description: 'The signing secret. Shown only now; store it with the receiver.' }) secret: string;
}

export class RotatedSecretDto {
  @ApiProperty() id: number;
  @ApiProperty({ description: 'The new signing secret, used from now on (including retries). Shown only now.' })
  secret: string;
  @ApiPropertyOptional({
    nullable: true,
    type: Date,
    description: "Until then every delivery carries the previous secret's signature too",
  })
  previousSecretUntil: Date | null;
}

export class RotateSecretDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 720,
    default: 24,
    description: 'Hours the previous secret keeps signing beside the new one (0 = stop at once)',
  })
  @IsOmittable()
  @IsWholeNumber({ min: 0, max: 720 })
  overlapHours?: number;
}

export class WebhookEventTypeDto {
  @ApiProperty({ example: 'poll.answered' }) name: string;
  @ApiProperty() description: string;
}
