import { IsOmittable } from '../../common/omittable';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { MembershipStatus } from '../list-membership.entity';
import type { OptInMode } from '../mailing-list.entity';
import { IsWholeNumber } from '../../common/whole-number';
import { IsPlainText } from '../../common/plain-text';

export class CreateListDto {
  @ApiProperty({ example: 'Klanten' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsPlainText()
  name: string;

  @ApiPropertyOptional({ example: 'Everyone who bought something' })
  @IsOmittable()
  @IsString()
  @MaxLength(2000)
  @IsPlainText({ multiLine: true })
  description?: string;

  @ApiPropertyOptional({ enum: ['single', 'double'], default: 'single' })
  @IsOmittable()
  @IsIn(['single', 'double'])
  optIn?: OptInMode;

  @ApiPropertyOptional({
    default: false,
    description: 'Accept sign-ups from the public form POST /public/lists/{id}/subscribe',
  })
  @IsOmittable()
  @IsBoolean()
  publicForm?: boolean;

  @ApiPropertyOptional({ type: [String], example: ['customers'] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  @IsPlainText({}, { each: true })
  tags?: string[];
}

export class UpdateListDto {
  @ApiPropertyOptional({ example: 'Klanten' })
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsPlainText()
  name?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MaxLength(2000)
  @IsPlainText({ multiLine: true })
  description?: string;

  @ApiPropertyOptional({ enum: ['single', 'double'] })
  @IsOmittable()
  @IsIn(['single', 'double'])
  optIn?: OptInMode;

  @ApiPropertyOptional({
    default: false,
    description: 'Accept sign-ups from the public form POST /public/lists/{id}/subscribe',
  })
  @IsOmittable()
  @IsBoolean()
  publicForm?: boolean;

  @ApiPropertyOptional({ type: [String] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  @IsPlainText({}, { each: true })
  tags?: string[];
}

export class ListDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: ['single', 'double'] }) optIn: OptInMode;
  @ApiProperty({ description: 'Whether the public sign-up form accepts sign-ups for this list' }) publicForm: boolean;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class MembersChangeDto {
  @ApiPropertyOptional({ type: [Number], example: [1, 2, 3] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(10000)
  @IsWholeNumber({}, { each: true })
  subscriberIds?: number[];

  @ApiPropertyOptional({ description: 'Everyone currently in this segment' })
  @IsOmittable()
  @IsWholeNumber()
  segmentId?: number;
}

export class MembersChangeResultDto {
  @ApiProperty({ description: 'Subscribers whose membership changed' }) changed: number;
  @ApiProperty({ description: 'Of those, waiting for double opt-in confirmation' }) pending: number;
  @ApiProperty({ description: 'Already in that state, erased, or unknown ids' }) unchanged: number;
}

export class ListMembersQueryDto {
  @ApiPropertyOptional({ enum: ['unconfirmed', 'confirmed', 'unsubscribed'] })
  @IsOmittable()
  @IsIn(['unconfirmed', 'confirmed', 'unsubscribed'])
  status?: MembershipStatus;

  @ApiPropertyOptional({ default: 1 })
  @IsOmittable()
  @IsWholeNumber()
  page?: number;

  @ApiPropertyOptional({ default: 50 })
  @IsOmittable()
  @IsWholeNumber({ max: 500 })
  limit?: number;
}

export class ListMemberDto {
  @ApiProperty() subscriberId: number;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['unconfirmed', 'confirmed', 'unsubscribed'] }) status: MembershipStatus;
  @ApiProperty({ nullable: true, type: Date }) confirmedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) unsubscribedAt: Date | null;
  @ApiProperty() createdAt: Date;
}

export class ListMembersPageDto {
  @ApiProperty({ type: [ListMemberDto] }) items: ListMemberDto[];
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
  @ApiProperty() total: number;
}
