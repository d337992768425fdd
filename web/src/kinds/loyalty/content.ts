import { num, type FormContent } from '../content';

export const loyaltyDefaults = (): FormContent => ({
  headline: '',
  body: '',
  bonusPoints: 100,
  bonusMode: 'on_click',
  rewards: [{ points: 250, label: '' }],
});

export function cleanLoyalty(c: FormContent): Record<string, unknown> {
  return {
    headline: c.headline,
    body: c.body,
    bonusPoints: num(c.bonusPoints) ?? 0,
    bonusMode: c.bonusMode,
    rewards: ((c.rewards as Array<Record<string, unknown>>) ?? []).map((r) => ({
      points: num(r.points) ?? 0,
      label: r.label,
    })),
  };
}
