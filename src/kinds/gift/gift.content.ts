import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUrl, Length, Min } from 'class-validator';

export const GIFT_TYPES = ['code', 'download', 'shipped'] as const;

export class GiftContent {
  @ApiProperty({ example: 'A thank-you from us' }) @IsString() @Length(1, 200)
  title: string;

  @ApiProperty() @IsString() @Length(1, 5000)
  description: string;

  @ApiPropertyOptional() @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  imageUrl?: string;

  @ApiProperty({ enum: GIFT_TYPES }) @IsIn(GIFT_TYPES)
  giftType: (typeof GIFT_TYPES)[number];

  @ApiPropertyOptional({ description: 'How many can be claimed in total' }) @IsOptional() @IsInt() @Min(1)
  stock?: number;

  @ApiPropertyOptional() @IsOptional() @IsISO8601()
  claimDeadline?: string;
}

export const giftSample: GiftContent = {
  title: 'A thank-you tin of our winter blend',
  description: 'You have been with us for a year. Claim a free 50 g tin of Winter Spice; we ship it at our cost.',
  imageUrl: 'https://greenleaf.example/img/winter-spice.jpg',
  giftType: 'shipped',
  stock: 500,
  claimDeadline: '2030-12-24T23:59:59Z',
};
