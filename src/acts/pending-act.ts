import type { LinkClaims } from '../links/link-token.service';

/** A one-click act a mail link can take, named by the executor its kind registers (ActExecutors). */
export type ActKind = string;

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
