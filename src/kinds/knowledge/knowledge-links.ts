import type { KnowledgeContent, KnowledgeItem } from './knowledge.content';

const normalise = (url: string): string => url.replace(/&amp;/g, '&').trim();

/** Which content item each tracked link index of a knowledge campaign points to (an item's url may appear twice). */
export function itemsByLinkIndex(
  links: string[],
  content: KnowledgeContent,
): Map<number, { item: KnowledgeItem; itemIndex: number }> {
  const byUrl = new Map<string, number>();
  content.items.forEach((item, i) => {
    if (!byUrl.has(normalise(item.url))) byUrl.set(normalise(item.url), i);
  });
  const result = new Map<number, { item: KnowledgeItem; itemIndex: number }>();
  links.forEach((url, index) => {
    const itemIndex = byUrl.get(normalise(url));
    if (itemIndex !== undefined) result.set(index, { item: content.items[itemIndex], itemIndex });
  });
  return result;
}

/** The link index of a click event, from what the tracking module stores (index, or url). */
export function linkIndexOf(data: Record<string, unknown>, links: string[]): number | undefined {
  if (typeof data.index === 'number') return data.index;
  if (typeof data.linkIndex === 'number') return data.linkIndex;
  if (typeof data.url === 'string') {
    const i = links.findIndex((l) => normalise(l) === normalise(data.url as string));
    return i >= 0 ? i : undefined;
  }
  return undefined;
}

/** Weight of one click `ageDays` old with the given half-life. */
export function decayed(ageDays: number, halfLifeDays: number): number {
  return Math.pow(0.5, Math.max(0, ageDays) / halfLifeDays);
}
