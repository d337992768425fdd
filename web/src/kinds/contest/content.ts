import { compact, localToIso, num, text, type FormContent } from '../content';

export const contestDefaults = (): FormContent => ({
  title: '',
  rules: '',
  prize: '',
  winners: 1,
  startsAt: '',
  endsAt: '',
  entryQuestion: '',
  referralBonusEntries: 1,
  referralListId: '',
});

export function cleanContest(c: FormContent): Record<string, unknown> {
  return compact({
    title: c.title,
    rules: c.rules,
    prize: c.prize,
    winners: num(c.winners),
    startsAt: localToIso(c.startsAt) ?? '',
    endsAt: localToIso(c.endsAt) ?? '',
    entryQuestion: text(c.entryQuestion),
    referralBonusEntries: num(c.referralBonusEntries) ?? 0,
    referralListId: num(c.referralListId),
  });
}

/** The referral list's picker holds strings. */
export const loadContest = (saved: Record<string, unknown>): FormContent => ({
  referralListId: saved.referralListId ? String(saved.referralListId) : '',
});
