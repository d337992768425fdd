import { describe, expect, it } from 'vitest';
import { cleanContent, WEB_KINDS } from '../../kinds/registry';
import { formPathOf, initialValues, stepOfField, toCampaignInput, toCampaignUpdate } from './composer-values';

// Any kind will do: the composer treats them alike (each kind's own content is tested in web/src/kinds/<kind>/).
const kind = WEB_KINDS[0].name;

describe('composer values', () => {
  it('builds the create body with the audience as numbers', () => {
    const v = { ...initialValues(kind), name: 'Q4', subject: 'One question', listIds: ['2'], segmentId: '5' };
    const input = toCampaignInput(kind, v);
    expect(input.audience).toEqual({ listIds: [2], segmentId: 5 });
    expect(input.fromEmail).toBeUndefined();
    expect(input.content).toEqual(cleanContent(kind, v.content));
  });

  it('sends an emptied sender field in an update, so the default sender applies again', () => {
    const v = {
      ...initialValues(kind),
      name: 'Q4',
      subject: 'One question',
      fromName: ' ',
      fromEmail: '',
      replyTo: 'care@shop.example ',
    };
    expect(toCampaignUpdate(kind, v)).toMatchObject({ fromName: '', fromEmail: '', replyTo: 'care@shop.example' });
    expect(toCampaignUpdate(kind, v)).not.toHaveProperty('kind');
  });

  it('knows which step owns a field the API refused', () => {
    expect(stepOfField('content.items.0.url')).toBe(0);
    expect(stepOfField(formPathOf('audience.listIds.0'))).toBe(1);
    expect(formPathOf('audience.listIds.0')).toBe('listIds');
    expect(stepOfField('fromEmail')).toBe(2);
    expect(stepOfField('whatever')).toBeUndefined();
  });
});
