import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import '../i18n';
import { readableTags } from './readable-tags';

describe('readable tags', () => {
  const t = i18n.t.bind(i18n);
  it('shows each tag as its field in brackets', async () => {
    await i18n.changeLanguage('en');
    expect(readableTags('One question, {{default subscriber.name "there"}}', t)).toBe('One question, [name]');
    expect(readableTags('For {{subscriber.email}} in {{ subscriber.attributes.Stad }}', t)).toBe(
      'For [email address] in [Stad]',
    );
    expect(readableTags('Hi {{subscriber.firstName}}', t)).toBe('Hi [first name]');
    expect(readableTags('No tags here', t)).toBe('No tags here');
  });
  it('in Dutch', async () => {
    await i18n.changeLanguage('nl');
    expect(readableTags('Eén vraag, {{default subscriber.name "daar"}}', t)).toBe('Eén vraag, [naam]');
    await i18n.changeLanguage('en');
  });
});
