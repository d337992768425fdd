import { describe, expect, it } from 'vitest';
import { cleanContent, defaultContent } from '../registry';

describe('discount content for the API', () => {
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
});
