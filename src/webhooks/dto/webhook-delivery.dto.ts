import { IsOmittable } from '../../common/omittable';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { WEBHOOK_DELIVERY_STATUSES, WebhookDeliveryStatus } from '../webhook-delivery.entity';
import { IsWholeNumber } from '../../common/whole-number';

export class ListWebhookDeliveriesQuery {
  @ApiPropertyOptional({ enum: WEBHOOK_DELIVERY_STATUSES })
  @IsOmittable()
  @IsIn(WEBHOOK_DELIVERY_STATUSES, { message: `status must be one of ${WEBHOOK_DELIVERY_STATUSES.join(', ')}` })
  status?: WebhookDeliveryStatus;

  @ApiPropertyOptional({ default: 1 })
  @IsOmittable()
  @IsWholeNumber()
  page?: number;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOmittable()
  @IsWholeNumber({ max: 200 })
  limit?: number;
}

export class WebhookAttemptDto {
  @ApiProperty() at: Date;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The IP connected to' }) address: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'HTTP status; null when there was no answer' })
  statusCode: number | null;
  @ApiProperty() durationMs: number;
  @ApiPropertyOptional({ nullable: true, type: String }) error: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The start of the answer body' }) responseExcerpt:
    string | null;
}

export class WebhookDeliveryDto {
  @ApiProperty({ description: 'Also the payload id and X-Valuemail-Delivery: the same on every retry' }) id: number;
  @ApiProperty() webhookId: number;
  @ApiProperty({ example: 'poll.answered' }) event: string;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'The event log entry it announces' }) eventId:
    number | null;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES }) status: WebhookDeliveryStatus;
  @ApiProperty() attempts: number;
  @ApiProperty() maxAttempts: number;
  @ApiProperty({ description: 'A test ping or a redelivery by hand' }) manual: boolean;
  @ApiProperty() occurredAt: Date;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ nullable: true, type: Date }) nextAttemptAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) completedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) lastStatusCode: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ type: [WebhookAttemptDto], description: 'Every attempt, oldest first' })
  attemptLog: WebhookAttemptDto[];
}

export class WebhookDeliveryDetailDto extends WebhookDeliveryDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The JSON body as sent' }) payload: Record<
    string,
    unknown
  >;
}

export class WebhookDeliveryPageDto {
  @ApiProperty({ type: [WebhookDeliveryDto] }) items: WebhookDeliveryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}
