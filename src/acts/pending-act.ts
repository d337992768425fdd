import type { LinkClaims } from '../links/link-token.service';

/** The one-click acts a mail link can take; each kind that has one registers an executor. */
export const ACT_KINDS = ['poll', 'trial', 'loyalty', 'service'] as const;
export type ActKind = (typeof ACT_KINDS)[number];

export type ActStatus = 'pending' | 'counted' | 'machine' | 'erased';

/** A one-click act waiting for the scanner rules, or settled. */
export interface PendingAct {
  id: number;
  kind: ActKind;
  claims: LinkClaims;
  /** The link it came from, as page hits name it (`p/9`, `l`, `s/0`). */
  link: string;
  /** What the act needs (the answer, the offer) and what the person added later (a comment, a note). */
  payload: Record<string, unknown>;
  occurredAt: Date;
  status: ActStatus;
}
