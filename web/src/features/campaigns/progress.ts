import type { CampaignProgress } from '../../api/types';

/** Share of the audience in a final state (sent, failed or suppressed); 1 when a finished campaign had nobody to send to. */
export function progressFraction(p: Pick<CampaignProgress, 'total' | 'sent' | 'failed' | 'suppressed' | 'status' | 'audienceComplete'>): number {
  const done = p.sent + p.failed + p.suppressed;
  if (p.total === 0) return p.status === 'finished' ? 1 : 0;
  // While fan-out is still snapshotting, the total grows: never show 100% before it is complete.
  const fraction = Math.min(1, done / p.total);
  return !p.audienceComplete && fraction >= 1 ? 0.99 : fraction;
}
