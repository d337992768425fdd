import { compact, text, type FormContent } from '../content';

export const emptyServiceOffer = () => ({ title: '', description: '', actionLabel: '', topic: '', question: '' });

export const serviceDefaults = (): FormContent => ({ intro: '', offers: [emptyServiceOffer()] });

export function cleanService(c: FormContent): Record<string, unknown> {
  return {
    intro: c.intro,
    offers: ((c.offers as Array<Record<string, unknown>>) ?? []).map((o) =>
      compact({
        title: o.title,
        description: o.description,
        actionLabel: o.actionLabel,
        topic: o.topic,
        question: text(o.question),
      }),
    ),
  };
}
