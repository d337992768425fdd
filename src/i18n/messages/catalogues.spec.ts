import { CATALOGUES } from '../translator';
import { en } from './en';

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  const languages = Object.keys(CATALOGUES) as Array<keyof typeof CATALOGUES>;

  it.each(languages)('%s has exactly the keys of the English catalogue', (language) => {
    expect(Object.keys(CATALOGUES[language]).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(languages)('%s uses the same placeholders as English in every message', (language) => {
    const mismatches = Object.entries(en)
      .filter(
        ([key, text]) =>
          JSON.stringify(placeholders(CATALOGUES[language][key as keyof typeof en])) !==
          JSON.stringify(placeholders(text)),
      )
      .map(([key]) => key);
    expect(mismatches).toEqual([]);
  });

  it.each(languages)('%s has no empty message and no stray braces', (language) => {
    const bad = Object.entries(CATALOGUES[language])
      .filter(([, text]) => !text.trim() || /[{}]/.test(text.replace(/\{\{\w+\}\}/g, '')))
      .map(([key]) => key);
    expect(bad).toEqual([]);
  });

  it('pairs every plural: a .one has its .other and both use {count}', () => {
    const keys = Object.keys(en);
    const ones = keys.filter((k) => k.endsWith('.one'));
    expect(ones.length).toBeGreaterThan(0);
    for (const one of ones) {
      const other = one.replace(/\.one$/, '.other');
      expect(keys).toContain(other);
      expect(placeholders(en[one as keyof typeof en])).toContain('count');
    }
    expect(keys.filter((k) => k.endsWith('.other')).length).toBe(ones.length);
  });

  it('is really translated: Dutch differs from English except where the word is the same', () => {
    const same = Object.entries(en)
      .filter(([key, text]) => CATALOGUES.nl[key as keyof typeof en] === text)
      .map(([key]) => key);
    // Words Dutch borrows as they are.
    expect(same.sort()).toEqual(['mail.knowledge.type.forum', 'mail.knowledge.type.tip', 'page.gift.field.postcode']);
  });
});
