import { IsOmittable } from '../../common/omittable';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, IsUrl, Length, ValidateNested } from 'class-validator';
import { IsPlainText } from '../../common/plain-text';

export const KNOWLEDGE_ITEM_TYPES = ['article', 'course', 'forum', 'tip', 'expert'] as const;
const WEB_URL = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export class KnowledgeItem {
  @ApiProperty({ example: 'Five ways to brew green tea' })
  @IsString()
  @Length(1, 200)
  @IsPlainText()
  title: string;

  @ApiProperty()
  @IsString()
  @Length(1, 1000)
  summary: string;

  @ApiProperty({ example: 'https://example.com/brewing' })
  @IsUrl(WEB_URL)
  url: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsUrl(WEB_URL)
  imageUrl?: string;

  @ApiProperty({ example: 'brewing', description: 'Topic used to learn subscriber interests' })
  @IsString()
  @Length(1, 60)
  @IsPlainText()
  topic: string;

  @ApiProperty({ enum: KNOWLEDGE_ITEM_TYPES })
  @IsIn(KNOWLEDGE_ITEM_TYPES)
  type: (typeof KNOWLEDGE_ITEM_TYPES)[number];
}

export class KnowledgeContent {
  @ApiProperty()
  @IsString()
  @Length(1, 2000)
  intro: string;

  @ApiProperty({ type: [KnowledgeItem] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => KnowledgeItem)
  items: KnowledgeItem[];
}

export const knowledgeSample: KnowledgeContent = {
  intro: 'This month: better brewing, a free course and a question for our tea sommelier.',
  items: [
    {
      title: 'Five ways to brew a better green tea',
      summary: 'Water temperature matters more than you think. Our guide takes three minutes to read.',
      url: 'https://greenleaf.example/articles/brew-green-tea?utm_source=newsletter&utm_medium=email',
      imageUrl: 'https://greenleaf.example/img/green-tea.jpg',
      topic: 'brewing',
      type: 'article',
    },
    {
      title: 'Free online course: tea and food pairing',
      summary: 'Four short lessons, at your own pace.',
      url: 'https://greenleaf.example/courses/pairing',
      topic: 'pairing',
      type: 'course',
    },
    {
      title: 'Ask our sommelier anything',
      summary: 'Join the forum thread this Thursday evening.',
      url: 'https://greenleaf.example/forum/ask-the-sommelier',
      topic: 'community',
      type: 'forum',
    },
  ],
};
