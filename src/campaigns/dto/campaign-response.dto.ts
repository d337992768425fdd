import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CampaignKind } from '../campaign-kind';
import { CAMPAIGN_STATUSES, CampaignStatus } from '../campaign-status';
import type { CampaignView } from '../campaigns.service';
import { UtmDto } from './campaign.dto';

export class CampaignAudienceDto {
  @ApiProperty({ type: [Number] }) listIds: number[];
  @ApiPropertyOptional({ nullable: true, type: Number }) segmentId?: number | null;
  @ApiPropertyOptional({ type: [Number] }) excludeListIds?: number[];
}

export class MailboxDto {
  @ApiProperty() name: string;
  @ApiProperty() address: string;
}

export class CampaignSenderDto {
  @ApiProperty({ type: () => MailboxDto }) from: MailboxDto;
  @ApiProperty({ nullable: true, type: String }) replyTo: string | null;
}

/** A campaign as the API answers it (the entity without its fan-out cursor). */
export class CampaignDto {
  @ApiProperty() id: number;
  @ApiProperty({ description: 'One of the kinds the server knows (docs/kinds.md), e.g. discount' })
  kind: CampaignKind;
  @ApiProperty() name: string;
  @ApiProperty() subject: string;
  @ApiProperty() preheader: string;
  @ApiProperty({ description: 'Empty: the default sender name' }) fromName: string;
  @ApiProperty({ description: 'Empty: the default sender address' }) fromEmail: string;
  @ApiProperty({ nullable: true, type: String }) replyTo: string | null;
  @ApiProperty({
    type: () => CampaignSenderDto,
    description: 'Who the mail goes out from, the empty parts filled from the default sender (MAIL_FROM)',
  })
  sender: CampaignSenderDto;
  @ApiProperty({ type: () => CampaignAudienceDto }) audience: CampaignAudienceDto;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The kind's content" })
  content: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) customMjml: string | null;
  @ApiProperty() locale: string;
  @ApiProperty({ enum: CAMPAIGN_STATUSES }) status: CampaignStatus;
  @ApiProperty({ nullable: true, type: String }) statusReason: string | null;
  @ApiProperty({ nullable: true, type: Date }) scheduledAt: Date | null;
  @ApiProperty() timezone: string;
  @ApiProperty() transport: string;
  @ApiProperty({ nullable: true, type: () => UtmDto }) utm: UtmDto | null;
  @ApiProperty({
    type: [String],
    description: "The compiled message's link targets in link-index order (the n of /r/…/n)",
  })
  links: string[];
  @ApiProperty() totalCount: number;
  @ApiProperty() sentCount: number;
  @ApiProperty() failedCount: number;
  @ApiProperty() suppressedCount: number;
  @ApiProperty() uncertainCount: number;
  @ApiProperty() hardBounceCount: number;
  @ApiProperty() softBounceCount: number;
  @ApiProperty() complaintCount: number;
  @ApiProperty({ nullable: true, type: Date }) startedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) finishedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date, description: 'When the last batch went out' }) lastBatchAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static of(c: CampaignView): CampaignDto {
    const { fanoutCursor: _fanoutCursor, fanoutDone: _fanoutDone, ...shown } = c;
    return shown;
  }
}

export class CampaignPageDto {
  @ApiProperty({ type: [CampaignDto] }) items: CampaignDto[];
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
  @ApiProperty() total: number;
}
