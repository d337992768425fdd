import { ApiProperty } from '@nestjs/swagger';
import { CONSENT_ACTIONS, CONSENT_METHODS, ConsentAction, ConsentMethod } from '../consent/consent-record.entity';

export class ConsentRecordDto {
  @ApiProperty() id: number;
  @ApiProperty() subscriberId: number;
  @ApiProperty({ nullable: true, type: Number }) listId: number | null;
  @ApiProperty({ enum: CONSENT_ACTIONS }) action: ConsentAction;
  @ApiProperty({ enum: CONSENT_METHODS }) method: ConsentMethod;
  @ApiProperty({ nullable: true, type: String, description: 'Import id or form' }) source: string | null;
  @ApiProperty({ nullable: true, type: String }) ip: string | null;
  @ApiProperty({ nullable: true, type: String }) userAgent: string | null;
  @ApiProperty() at: Date;
}
