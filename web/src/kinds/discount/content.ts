import { compact, localToIso, num, text, type FormContent } from '../content';

export const discountDefaults = (): FormContent => ({
  offerType: 'percent',
  value: 10,
  currency: 'EUR',
  codeMode: 'unique',
  codePattern: 'SAVE-XXXX-XXXX',
  sharedCode: '',
  validFrom: '',
  validUntil: '',
  minOrder: '',
  trialPlan: '',
  trialDays: 14,
  headline: '',
  body: '',
  shopUrl: '',
  shopLabel: '',
});

export function cleanDiscount(c: FormContent): Record<string, unknown> {
  const offer = c.offerType as string;
  const shared = c.codeMode === 'shared';
  return compact({
    offerType: offer,
    value: offer === 'percent' || offer === 'amount' ? num(c.value) : undefined,
    currency: offer === 'amount' || num(c.minOrder) !== undefined ? text(c.currency) : undefined,
    codeMode: c.codeMode,
    sharedCode: shared ? (text(c.sharedCode) ?? '') : undefined,
    codePattern: shared ? undefined : text(c.codePattern),
    validFrom: localToIso(c.validFrom),
    validUntil: localToIso(c.validUntil),
    minOrder: num(c.minOrder),
    trialPlan: offer === 'trial' ? (text(c.trialPlan) ?? '') : undefined,
    trialDays: offer === 'trial' ? num(c.trialDays) : undefined,
    headline: c.headline,
    body: c.body,
    shopUrl: text(c.shopUrl),
    shopLabel: text(c.shopLabel),
  });
}
