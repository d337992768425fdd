import { compact, text, type FormContent } from '../content';

export const emptyKnowledgeItem = () => ({ title: '', summary: '', url: '', imageUrl: '', topic: '', type: 'article' });

export const knowledgeDefaults = (): FormContent => ({ intro: '', items: [emptyKnowledgeItem()] });

export function cleanKnowledge(c: FormContent): Record<string, unknown> {
  return {
    intro: c.intro,
    items: ((c.items as Array<Record<string, unknown>>) ?? []).map((i) =>
      compact({
        title: i.title,
        summary: i.summary,
        url: text(i.url) ?? '',
        imageUrl: text(i.imageUrl),
        topic: i.topic,
        type: i.type,
      }),
    ),
  };
}
