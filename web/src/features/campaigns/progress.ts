import type { CampaignProgress } from '../../api/types';

/** The server's `progress`, but never 100% while fan-out is still snapshotting the audience (the total still grows). */
export function shownProgress(p: Pick<CampaignProgress, 'progress' | 'audienceComplete'>): number {
  const fraction = Math.min(1, Math.max(0, p.progress));
  return !p.audienceComplete && fraction >= 1 ? 0.99 : fraction;
}
