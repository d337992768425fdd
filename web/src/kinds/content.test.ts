import { describe, expect, it } from 'vitest';
import { formPathOf, stepOfField, toCampaignInput, toCampaignUpdate, initialValues } from '../composer-values';
import { cleanContent, defaultContent, formContentOf, isoToLocal } from './content';

describe('kind content for the API', () => {
  it('sends only what applies to the chosen offer, with empty optional fields left out', () => {
    const form = {
      ...defaultContent('discount'),
      offerType: 'trial',
      trialPlan: 'Pro',
      trialDays: 30,
      headline: 'Try Pro',
      body: 'Free for a month',
      shopUrl: '',
    };
    expect(cleanContent('discount', form)).toEqual({
      offerType: 'trial',
      codeMode: 'unique',
      codePattern: 'SAVE-XXXX-XXXX',
      trialPlan: 'Pro',
      trialDays: 30,
      headline: 'Try Pro',
      body: 'Free for a month',
    });
  });

  it('keeps a shared code and drops the pattern', () => {
    const form = {
      ...defaultContent('discount'),
      codeMode: 'shared',
      sharedCode: 'SPRING20',
      value: 20,
      headline: 'h',
      body: 'b',
    };
    const out = cleanContent('discount', form);
    expect(out.sharedCode).toBe('SPRING20');
    expect(out.codePattern).toBeUndefined();
    expect(out.value).toBe(20);
    expect(out.currency).toBeUndefined();
  });

  it('sends poll choices only for choice questions, and local times as ISO', () => {
    const nps = cleanContent('poll', { ...defaultContent('poll'), question: 'Recommend us?', closesAt: '' });
    expect(nps).toEqual({ question: 'Recommend us?', type: 'nps' });
    const choice = cleanContent('poll', {
      ...defaultContent('poll'),
      type: 'choice',
      question: 'Which?',
      choices: [' Tea ', 'Coffee'],
      closesAt: '2030-01-31T23:59',
    });
    expect(choice.choices).toEqual(['Tea', 'Coffee']);
    expect(choice.closesAt).toBe(new Date('2030-01-31T23:59').toISOString());
  });

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

describe('composer values', () => {
  it('builds the create body with the audience as numbers', () => {
    const v = {
      ...initialValues('poll'),
      name: 'Q4 NPS',
      subject: 'One question',
      listIds: ['2'],
      segmentId: '5',
      content: { ...defaultContent('poll'), question: 'Recommend?' },
    };
    const input = toCampaignInput('poll', v);
    expect(input.audience).toEqual({ listIds: [2], segmentId: 5 });
    expect(input.fromEmail).toBeUndefined();
    expect(input.content).toEqual({ question: 'Recommend?', type: 'nps' });
  });

  it('sends an emptied sender field in an update, so the default sender applies again', () => {
    const v = {
      ...initialValues('poll'),
      name: 'Q4 NPS',
      subject: 'One question',
      fromName: ' ',
      fromEmail: '',
      replyTo: 'care@shop.example ',
    };
    expect(toCampaignUpdate('poll', v)).toMatchObject({ fromName: '', fromEmail: '', replyTo: 'care@shop.example' });
    expect(toCampaignUpdate('poll', v)).not.toHaveProperty('kind');
  });

  it('knows which step owns a field the API refused', () => {
    expect(stepOfField('content.items.0.url')).toBe(0);
    expect(stepOfField(formPathOf('audience.listIds.0'))).toBe(1);
    expect(formPathOf('audience.listIds.0')).toBe('listIds');
    expect(stepOfField('fromEmail')).toBe(2);
    expect(stepOfField('whatever')).toBeUndefined();
  });
});
