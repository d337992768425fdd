import { describe, expect, it } from 'vitest';
import { isoToLocal } from '../content';
import { cleanContent, defaultContent, formContentOf } from '../registry';

describe('contest content for the API', () => {
  it('turns contest numbers typed as text into numbers', () => {
    const out = cleanContent('contest', {
      ...defaultContent('contest'),
      title: 'Win',
      rules: 'r',
      prize: 'p',
      winners: '3',
      referralBonusEntries: '',
      startsAt: '2030-05-01T00:00',
      endsAt: '2030-05-31T23:59',
    });
    expect(out.winners).toBe(3);
    expect(out.referralBonusEntries).toBe(0);
  });

  it('reads saved content back into the form with local date-times', () => {
    const saved = {
      title: 'Win',
      rules: 'r',
      prize: 'p',
      winners: 2,
      startsAt: '2030-05-01T10:00:00.000Z',
      endsAt: '2030-05-31T10:00:00.000Z',
      referralBonusEntries: 1,
    };
    const form = formContentOf('contest', saved);
    expect(form.startsAt).toBe(isoToLocal('2030-05-01T10:00:00.000Z'));
    expect(form.entryQuestion).toBe('');
    expect(cleanContent('contest', form)).toEqual(saved);
  });

  it('keeps the referral list as a picker value and sends it as a number, or not at all when left empty', () => {
    const saved = {
      title: 'Win',
      rules: 'r',
      prize: 'p',
      winners: 1,
      startsAt: '2030-05-01T10:00:00.000Z',
      endsAt: '2030-05-31T10:00:00.000Z',
      referralBonusEntries: 1,
      referralListId: 7,
    };
    const form = formContentOf('contest', saved);
    expect(form.referralListId).toBe('7');
    expect(cleanContent('contest', form)).toEqual(saved);
    expect(cleanContent('contest', { ...form, referralListId: '' })).not.toHaveProperty('referralListId');
  });
});
