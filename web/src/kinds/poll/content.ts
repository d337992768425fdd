import { compact, localToIso, text, type FormContent } from '../content';

export const pollDefaults = (): FormContent => ({
  question: '',
  type: 'nps',
  choices: ['', ''],
  commentPrompt: '',
  closesAt: '',
});

export function cleanPoll(c: FormContent): Record<string, unknown> {
  return compact({
    question: c.question,
    type: c.type,
    choices: c.type === 'choice' ? ((c.choices as string[]) ?? []).map((x) => x.trim()) : undefined,
    commentPrompt: text(c.commentPrompt),
    closesAt: localToIso(c.closesAt),
  });
}

/** A saved NPS or CSAT poll has no choices; the form keeps two empty ones to switch to. */
export const loadPoll = (saved: Record<string, unknown>): FormContent =>
  Array.isArray(saved.choices) ? {} : { choices: ['', ''] };
