import { IsOmittable } from '../../common/omittable';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsString, Length, Max, Min } from 'class-validator';
import { IsPlainText } from '../../common/plain-text';
import { IsWholeNumber } from '../../common/whole-number';

export class ContestContent {
  @ApiProperty({ example: 'Win a year of tea' })
  @IsString()
  @Length(1, 200)
  @IsPlainText()
  title: string;

  @ApiProperty()
  @IsString()
  @Length(1, 5000)
  rules: string;

  @ApiProperty({ example: 'Twelve monthly tea boxes' })
  @IsString()
  @Length(1, 500)
  prize: string;

  @ApiProperty({ example: 3 })
  @IsInt()
  @Min(1)
  @Max(1000)
  winners: number;

  @ApiProperty()
  @IsISO8601()
  startsAt: string;

  @ApiProperty()
  @IsISO8601()
  endsAt: string;

  @ApiPropertyOptional({ example: 'Which tea would you take to a desert island?' })
  @IsOmittable()
  @IsString()
  @Length(1, 300)
  entryQuestion?: string;

  @ApiProperty({ example: 1, description: 'Extra entries per friend who enters through your referral link' })
  @IsInt()
  @Min(0)
  @Max(100)
  referralBonusEntries: number;

  @ApiPropertyOptional({
    example: 3,
    description:
      "The list friends join through a referral link; by default the audience's first list. Required when the audience is a segment and referrals earn bonus entries",
  })
  @IsOmittable()
  @IsWholeNumber()
  referralListId?: number;
}

/** The list a referred friend joins: the contest's own choice, else the audience's first list. */
export function referralListOf(
  content: Pick<ContestContent, 'referralListId'>,
  audience: { listIds: number[] },
): number | null {
  return content.referralListId ?? audience.listIds[0] ?? null;
}

export const contestSample: ContestContent = {
  title: 'Win a year of tea',
  rules:
    'One entry per subscriber. Every friend who enters through your personal link earns you an extra entry. Winners are drawn at random after the closing date and notified by email.',
  prize: 'Twelve monthly tasting boxes, delivered free',
  winners: 3,
  startsAt: '2030-05-01T00:00:00Z',
  endsAt: '2030-05-31T23:59:59Z',
  entryQuestion: 'Which tea would you take to a desert island?',
  referralBonusEntries: 1,
};
