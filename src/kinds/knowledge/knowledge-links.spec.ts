import { decayed, itemsByLinkIndex, linkIndexOf } from './knowledge-links';
import { knowledgeSample } from './knowledge.content';

describe('knowledge link mapping', () => {
  it('maps link indexes to items, whichever way the click names its link', () => {
    const links = [
      'https://other.example/',
      knowledgeSample.items[1].url,
      knowledgeSample.items[0].url.replace(/&/g, '&amp;'),
    ];
    const map = itemsByLinkIndex(links, knowledgeSample);
    expect(map.get(0)).toBeUndefined();
    expect(map.get(1)?.item.topic).toBe('pairing');
    expect(map.get(2)?.item.topic).toBe('brewing');
    expect(linkIndexOf({ index: 2 }, links)).toBe(2);
    expect(linkIndexOf({ url: knowledgeSample.items[1].url }, links)).toBe(1);
    expect(linkIndexOf({}, links)).toBeUndefined();
  });

  it('halves a click per half-life', () => {
    expect(decayed(0, 30)).toBe(1);
    expect(decayed(30, 30)).toBeCloseTo(0.5);
    expect(decayed(90, 30)).toBeCloseTo(0.125);
  });
});
