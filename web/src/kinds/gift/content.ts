import { compact, localToIso, num, text, type FormContent } from '../content';

export const giftDefaults = (): FormContent => ({
  title: '',
  description: '',
  imageUrl: '',
  giftType: 'code',
  stock: '',
  claimDeadline: '',
  downloadUrl: '',
  codePattern: 'GIFT-XXXX-XXXX',
});

export function cleanGift(c: FormContent): Record<string, unknown> {
  return compact({
    title: c.title,
    description: c.description,
    imageUrl: text(c.imageUrl),
    giftType: c.giftType,
    stock: num(c.stock),
    claimDeadline: localToIso(c.claimDeadline),
    downloadUrl: c.giftType === 'download' ? (text(c.downloadUrl) ?? '') : undefined,
    codePattern: c.giftType === 'code' ? text(c.codePattern) : undefined,
  });
}
