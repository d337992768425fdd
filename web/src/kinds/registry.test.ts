import { describe, expect, it } from 'vitest';
import { CAMPAIGN_KINDS } from '../api/types';
import { cleanContent, defaultContent, findWebKind, formContentOf, WEB_KINDS, webKind } from './registry';

describe('web kind registry', () => {
  it('has one definition for every campaign kind the API knows, in the same order', () => {
    expect(WEB_KINDS.map((k) => k.name)).toEqual([...CAMPAIGN_KINDS]);
    for (const name of CAMPAIGN_KINDS) expect(webKind(name).name).toBe(name);
    expect(findWebKind('no-such-kind')).toBeUndefined();
  });

  it.each(CAMPAIGN_KINDS)('%s: a new form saved and loaded again sends the same content', (name) => {
    const sent = cleanContent(name, defaultContent(name));
    const loaded = formContentOf(name, JSON.parse(JSON.stringify(sent)) as Record<string, unknown>);
    expect(cleanContent(name, loaded)).toEqual(sent);
  });

  it.each(CAMPAIGN_KINDS)('%s: loads a saved campaign into every field of the form', (name) => {
    const loaded = formContentOf(name, cleanContent(name, defaultContent(name)));
    expect(Object.keys(loaded).sort()).toEqual(Object.keys(defaultContent(name)).sort());
  });
});
