import { BUILT_IN_KINDS, sampleContent, validateKindContent } from './kind-content.registry';

describe('kind content registry', () => {
  it.each(BUILT_IN_KINDS)('accepts the sample content of %s', (kind) => {
    const result = validateKindContent(kind, sampleContent(kind));
    expect(result).toEqual({ ok: true, value: sampleContent(kind) });
  });

  it('names the missing and unknown fields', () => {
    const result = validateKindContent('poll', { type: 'nps', colour: 'red' });
    expect(result.ok).toBe(false);
    const fields = !result.ok ? result.errors.map((e) => e.field) : [];
    expect(fields).toEqual(expect.arrayContaining(['content.question', 'content.colour']));
  });

  it('validates nested items by path', () => {
    const content = sampleContent('knowledge');
    content.items[1].url = 'javascript:alert(1)';
    const result = validateKindContent('knowledge', content);
    expect(!result.ok && result.errors.map((e) => e.field)).toEqual(['content.items.1.url']);
  });

  it('applies the per-offer rules of discounts', () => {
    const percent = validateKindContent('discount', { ...sampleContent('discount'), value: 120 });
    expect(!percent.ok && percent.errors[0]).toMatchObject({
      field: 'content.value',
      problems: ['value must be at most 100 for a percent offer'],
    });
    const amount = validateKindContent('discount', { ...sampleContent('discount'), offerType: 'amount', value: 120 });
    expect(amount.ok).toBe(true);
    const trial = validateKindContent('discount', {
      offerType: 'trial',
      codeMode: 'shared',
      sharedCode: 'TRY',
      headline: 'h',
      body: 'b',
    });
    expect(!trial.ok && trial.errors.map((e) => e.field).sort()).toEqual(['content.trialDays', 'content.trialPlan']);
  });

  it('requires choices for a choice poll only', () => {
    expect(validateKindContent('poll', { question: 'q', type: 'choice' }).ok).toBe(false);
    expect(validateKindContent('poll', { question: 'q', type: 'choice', choices: ['a', 'b'] }).ok).toBe(true);
    expect(validateKindContent('poll', { question: 'q', type: 'yesno' }).ok).toBe(true);
  });

  it('refuses content that is not an object', () => {
    expect(validateKindContent('gift', 'x')).toEqual({
      ok: false,
      errors: [{ field: 'content', problems: ['content must be an object'] }],
    });
  });
});
