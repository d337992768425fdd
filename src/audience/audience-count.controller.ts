import { IsOmittable } from '../common/omittable';
import { Body, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray } from 'class-validator';
import { Roles } from '../auth/roles';
import { AdminController } from '../common/admin-controller.decorator';
import { AudienceQueryService } from './audience-query.service';
import { IsWholeNumber } from '../common/whole-number';

export class AudienceCountDto {
  @ApiProperty({ type: [Number], description: 'Lists whose confirmed members count (deduplicated)' })
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
  @ArrayMaxSize(100)
  @IsWholeNumber({}, { each: true })
  excludeListIds?: number[];
}

export class AudienceCountResultDto {
  @ApiProperty({
    description: 'Subscribers a campaign with this audience would go to now (active, confirmed, not suppressed)',
  })
  count: number;
}

@AdminController('audience', 'audience')
export class AudienceCountController {
  constructor(private readonly audience: AudienceQueryService) {}

  // The same query fan-out uses, counted: the composer's live recipient count.
  @Post('count')
  @Roles('viewer') // a count, nothing stored
  @HttpCode(200)
  @ApiOkResponse({ type: AudienceCountResultDto })
  async count(@Body() dto: AudienceCountDto): Promise<AudienceCountResultDto> {
    return {
      count: await this.audience.count({
        listIds: dto.listIds,
        segmentId: dto.segmentId ?? null,
        excludeListIds: dto.excludeListIds ?? [],
      }),
    };
  }
}
