import { describe, expect, it } from 'vitest';
import { cleanContent, defaultContent } from '../registry';

describe('poll content for the API', () => {
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
});
