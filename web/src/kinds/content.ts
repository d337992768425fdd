import type { CampaignKind } from '../../../api/types';

// Form state per kind and the content the API accepts (src/kinds/<kind>/<kind>.content.ts). The form keeps
// every field a marketer might switch back to; `cleanContent` sends only what applies, with empty optional
// fields left out (the API refuses "" where it expects a URL or a date) and local date-times as ISO 8601.

export type FormContent = Record<string, unknown>;

export function defaultContent(kind: CampaignKind): FormContent {
  switch (kind) {
    case 'discount':
      return {
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
      };
    case 'loyalty':
      return { headline: '', body: '', bonusPoints: 100, bonusMode: 'on_click', rewards: [{ points: 250, label: '' }] };
    case 'knowledge':
      return { intro: '', items: [emptyKnowledgeItem()] };
    case 'service':
      return { intro: '', offers: [emptyServiceOffer()] };
    case 'poll':
      return { question: '', type: 'nps', choices: ['', ''], commentPrompt: '', closesAt: '' };
    case 'gift':
      return {
        title: '',
        description: '',
        imageUrl: '',
        giftType: 'code',
        stock: '',
        claimDeadline: '',
        downloadUrl: '',
        codePattern: 'GIFT-XXXX-XXXX',
      };
    case 'contest':
      return {
        title: '',
        rules: '',
        prize: '',
        winners: 1,
        startsAt: '',
        endsAt: '',
        entryQuestion: '',
        referralBonusEntries: 1,
        referralListId: '',
      };
  }
}

export const emptyKnowledgeItem = () => ({ title: '', summary: '', url: '', imageUrl: '', topic: '', type: 'article' });
export const emptyServiceOffer = () => ({ title: '', description: '', actionLabel: '', topic: '', question: '' });

/** datetime-local value ("2026-05-01T09:00", the browser's zone) → ISO 8601 UTC; "" stays undefined. */
export function localToIso(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}

/** ISO 8601 → datetime-local value in the browser's zone. */
export function isoToLocal(value: unknown): string {
  if (typeof value !== 'string' || !value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const DATE_FIELDS: Partial<Record<CampaignKind, string[]>> = {
  discount: ['validFrom', 'validUntil'],
  poll: ['closesAt'],
  gift: ['claimDeadline'],
  contest: ['startsAt', 'endsAt'],
};

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** Drops undefined values so the API sees only what was given. */
function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function cleanContent(kind: CampaignKind, c: FormContent): Record<string, unknown> {
  switch (kind) {
    case 'discount': {
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
    case 'loyalty':
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
    case 'knowledge':
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
    case 'service':
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
    case 'poll':
      return compact({
        question: c.question,
        type: c.type,
        choices: c.type === 'choice' ? ((c.choices as string[]) ?? []).map((x) => x.trim()) : undefined,
        commentPrompt: text(c.commentPrompt),
        closesAt: localToIso(c.closesAt),
      });
    case 'gift':
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
    case 'contest':
      return compact({
        title: c.title,
        rules: c.rules,
        prize: c.prize,
        winners: num(c.winners),
        startsAt: localToIso(c.startsAt) ?? '',
        endsAt: localToIso(c.endsAt) ?? '',
        entryQuestion: text(c.entryQuestion),
        referralBonusEntries: num(c.referralBonusEntries) ?? 0,
        referralListId: num(c.referralListId),
      });
  }
}

/** A saved campaign's content back into form state (defaults for what it lacks, dates as local values). */
export function formContentOf(kind: CampaignKind, saved: Record<string, unknown>): FormContent {
  const merged: FormContent = { ...defaultContent(kind), ...saved };
  for (const field of DATE_FIELDS[kind] ?? []) merged[field] = isoToLocal(saved[field]);
  if (kind === 'poll' && !Array.isArray(saved.choices)) merged.choices = ['', ''];
  if (kind === 'contest') merged.referralListId = saved.referralListId ? String(saved.referralListId) : ''; // a Select holds strings
  for (const [k, v] of Object.entries(merged)) if (v === null || v === undefined) merged[k] = '';
  return merged;
}
