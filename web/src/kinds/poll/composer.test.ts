import { describe, expect, it } from 'vitest';
import { initialValues, toCampaignInput } from '../../features/campaigns/composer-values';
import { defaultContent } from '../registry';

describe('poll in the composer', () => {
  it('sends only the question and type of an NPS poll', () => {
    const v = { ...initialValues('poll'), content: { ...defaultContent('poll'), question: 'Recommend?' } };
    expect(toCampaignInput('poll', v).content).toEqual({ question: 'Recommend?', type: 'nps' });
  });
});
