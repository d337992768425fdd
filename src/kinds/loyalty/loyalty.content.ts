import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, Length, Min, ValidateNested } from 'class-validator';
import { IsPlainText } from '../../common/plain-text';

export const BONUS_MODES = ['at_send', 'on_click'] as const;

export class LoyaltyReward {
  @ApiProperty({ example: 500 })
  @IsInt()
  @Min(1)
  points: number;

  @ApiProperty({ example: 'A free pot of tea' })
  @IsString()
  @Length(1, 120)
  @IsPlainText()
  label: string;
}

export class LoyaltyContent {
  @ApiProperty({ example: 'Thank you for a year with us' })
  @IsString()
  @Length(1, 200)
  headline: string;

  @ApiProperty()
  @IsString()
  @Length(1, 5000)
  body: string;

  @ApiProperty({ example: 100, description: 'Bonus points this campaign credits (0 for none)' })
  @IsInt()
  @Min(0)
  bonusPoints: number;

  @ApiProperty({ enum: BONUS_MODES, description: 'Credit the bonus when sent, or when the recipient clicks "collect"' })
  @IsIn(BONUS_MODES)
  bonusMode: (typeof BONUS_MODES)[number];

  @ApiProperty({ type: [LoyaltyReward] })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => LoyaltyReward)
  rewards: LoyaltyReward[];
}

export const loyaltySample: LoyaltyContent = {
  headline: 'Your points are waiting',
  body: 'Every cup you buy earns points. Here is what your balance can buy today.',
  bonusPoints: 150,
  bonusMode: 'on_click',
  rewards: [
    { points: 250, label: 'A free pot of tea in any of our shops' },
    { points: 1000, label: 'A tasting workshop for two' },
  ],
};
