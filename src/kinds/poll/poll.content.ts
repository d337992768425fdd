import { IsOmittable } from '../../common/omittable';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsISO8601, IsString, Length, ValidateIf } from 'class-validator';
import type { Translator } from '../../i18n/translator';
import { IsPlainText } from '../../common/plain-text';

export const POLL_TYPES = ['nps', 'csat', 'choice', 'yesno'] as const;
export type PollType = (typeof POLL_TYPES)[number];

export class PollContent {
  @ApiProperty({ example: 'How likely are you to recommend us to a friend?' })
  @IsString()
  @Length(1, 300)
  @IsPlainText()
  question: string;

  @ApiProperty({ enum: POLL_TYPES })
  @IsIn(POLL_TYPES)
  type: PollType;

  @ApiPropertyOptional({ type: [String], description: 'Answer choices; required for type "choice"' })
  @ValidateIf((o: PollContent) => o.type === 'choice' || o.choices !== undefined)
  @ArrayMinSize(2)
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 80, { each: true })
  choices?: string[];

  @ApiPropertyOptional({ example: 'Anything we could do better?' })
  @IsOmittable()
  @IsString()
  @Length(1, 300)
  commentPrompt?: string;

  @ApiPropertyOptional({ example: '2025-12-31T23:59:59Z' })
  @IsOmittable()
  @IsISO8601()
  closesAt?: string;
}

export const pollSample: PollContent = {
  question: 'How likely are you to recommend Green Leaf Tea to a friend?',
  type: 'nps',
  commentPrompt: 'What is the main reason for your score?',
  closesAt: '2030-01-31T23:59:59Z',
};

/** The values of the answer row, in the order the buttons appear; yes/no labels in the campaign's language when a translator is given. */
export function pollAnswers(
  content: Pick<PollContent, 'type' | 'choices'>,
  t?: Pick<Translator, 't'>,
): { value: string; label: string }[] {
  switch (content.type) {
    case 'nps':
      return Array.from({ length: 11 }, (_, i) => ({ value: String(i), label: String(i) }));
    case 'csat':
      return Array.from({ length: 5 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }));
    case 'yesno':
      return [
        { value: 'yes', label: t ? t.t('poll.yes') : 'Yes' },
        { value: 'no', label: t ? t.t('poll.no') : 'No' },
      ];
    case 'choice':
      return (content.choices ?? []).map((label, i) => ({ value: String(i), label }));
  }
}
