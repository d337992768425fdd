import { IsOmittable } from '../../common/omittable';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsString, IsUrl, Length, Matches, Min, ValidateIf } from 'class-validator';
import { IsPlainText } from '../../common/plain-text';

export const GIFT_TYPES = ['code', 'download', 'shipped'] as const;

export class GiftContent {
  @ApiProperty({ example: 'A thank-you from us' })
  @IsString()
  @Length(1, 200)
  @IsPlainText()
  title: string;

  @ApiProperty()
  @IsString()
  @Length(1, 5000)
  @IsPlainText({ multiLine: true })
  description: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  imageUrl?: string;

  @ApiProperty({ enum: GIFT_TYPES })
  @IsIn(GIFT_TYPES)
  giftType: (typeof GIFT_TYPES)[number];

  @ApiPropertyOptional({ description: 'How many can be claimed in total' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  stock?: number;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsISO8601()
  claimDeadline?: string;

  @ApiPropertyOptional({ description: 'Required for download gifts: shown once claimed' })
  @ValidateIf((o: GiftContent) => o.giftType === 'download' || o.downloadUrl !== undefined)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  downloadUrl?: string;

  @ApiPropertyOptional({
    example: 'GIFT-XXXX-XXXX',
    description: 'Pattern of the codes of code gifts (X: a random character)',
  })
  @IsOmittable()
  @Matches(/^[A-Z0-9-]*X{4,}[A-Z0-9X-]*$/, { message: 'codePattern must contain at least four X placeholders' })
  codePattern?: string;
}

export const giftSample: GiftContent = {
  title: 'A thank-you tin of our winter blend',
  description: 'You have been with us for a year. Claim a free 50 g tin of Winter Spice; we ship it at our cost.',
  imageUrl: 'https://greenleaf.example/img/winter-spice.jpg',
  giftType: 'shipped',
  stock: 500,
  claimDeadline: '2030-12-24T23:59:59Z',
};
