import { Body, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { AdminController } from '../common/admin-controller.decorator';
import { BounceIngestService, BounceOutcome } from './bounce-ingest.service';

export class BounceReportDto {
  @ApiProperty({ description: 'The whole report message as received (RFC 3464 DSN or RFC 5965 ARF), headers included' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5 * 1024 * 1024)
  message: string;
}

export class BounceOutcomeDto implements BounceOutcome {
  @ApiProperty({ enum: ['hard', 'soft', 'complaint'] }) class: 'hard' | 'soft' | 'complaint';
  @ApiProperty() status: string;
  @ApiProperty() deliveryId: number;
  @ApiProperty() campaignId: number;
  @ApiProperty() subscriberId: number;
  @ApiProperty({ description: 'True when this report pushed the campaign past an auto-pause threshold' })
  campaignPaused: boolean;
}

@AdminController('bounces', 'bounces')
export class BouncesController {
  constructor(private readonly bounces: BounceIngestService) {}

  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: BounceOutcomeDto })
  ingest(@Body() dto: BounceReportDto): Promise<BounceOutcome> {
    return this.bounces.ingest(dto.message);
  }
}
