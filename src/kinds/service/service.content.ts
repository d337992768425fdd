import { IsOmittable } from '../../common/omittable';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length, ValidateNested } from 'class-validator';
import { IsPlainText } from '../../common/plain-text';

export class ServiceOffer {
  @ApiProperty({ example: 'Free gift wrapping' })
  @IsString()
  @Length(1, 200)
  @IsPlainText()
  title: string;

  @ApiProperty()
  @IsString()
  @Length(1, 2000)
  @IsPlainText({ multiLine: true })
  description: string;

  @ApiProperty({ example: 'Wrap my order' })
  @IsString()
  @Length(1, 60)
  actionLabel: string;

  @ApiProperty({ example: 'gifting' })
  @IsString()
  @Length(1, 60)
  @IsPlainText()
  topic: string;

  @ApiPropertyOptional({ example: 'Which order should we wrap?', description: 'Asked on the landing page' })
  @IsOmittable()
  @IsString()
  @Length(1, 300)
  @IsPlainText()
  question?: string;
}

export class ServiceContent {
  @ApiProperty()
  @IsString()
  @Length(1, 2000)
  intro: string;

  @ApiProperty({ type: [ServiceOffer] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ServiceOffer)
  offers: ServiceOffer[];
}

export const serviceSample: ServiceContent = {
  intro: 'The holidays are busy. Let us take a few things off your list.',
  offers: [
    {
      title: 'Free gift wrapping',
      description: 'We wrap any order placed before 20 December, with a handwritten card.',
      actionLabel: 'Wrap my order',
      topic: 'gifting',
      question: 'Which order should we wrap, and what should the card say?',
    },
    {
      title: 'Help choosing a gift',
      description: 'Tell us who it is for and our team suggests three teas within a day.',
      actionLabel: 'Suggest a gift',
      topic: 'advice',
    },
  ],
};
