import type { Campaign } from '../../api/types';

export interface AttentionItem {
  kind: 'paused' | 'bounces' | 'complaints' | 'failed';
  campaign: Campaign;
  rate: number;
}

// Below the engine's auto-pause thresholds (5% hard bounces, 0.3% complaints), so a campaign shows up here
// before it is stopped; a sample this small says nothing yet.
export const BOUNCE_WARNING = 0.02;
export const COMPLAINT_WARNING = 0.001;
const MIN_SENT = 50;

/** What needs a marketer's eye: paused or failed campaigns and high bounce or complaint rates, each campaign once per reason. */
export function attentionItems(campaigns: Campaign[]): AttentionItem[] {
  const seen = new Set<string>();
  const out: AttentionItem[] = [];
  const add = (item: AttentionItem) => {
    const key = `${item.kind}:${item.campaign.id}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(item);
    }
  };
  for (const c of campaigns) {
    if (c.status === 'paused') add({ kind: 'paused', campaign: c, rate: 0 });
    if (c.status === 'failed') add({ kind: 'failed', campaign: c, rate: 0 });
    if (c.sentCount >= MIN_SENT) {
      const bounces = c.hardBounceCount / c.sentCount;
      const complaints = c.complaintCount / c.sentCount;
      if (bounces >= BOUNCE_WARNING) add({ kind: 'bounces', campaign: c, rate: bounces });
      if (complaints >= COMPLAINT_WARNING) add({ kind: 'complaints', campaign: c, rate: complaints });
    }
  }
  return out;
}
