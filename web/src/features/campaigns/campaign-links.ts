import type { Campaign } from '../../api/types';

/** Where a campaign opens: drafts in the composer, live ones in the sending view, finished ones in the report. */
export function campaignLink(c: Pick<Campaign, 'id' | 'status'>): string {
  switch (c.status) {
    case 'draft':
      return `/campaigns/${c.id}/edit`;
    case 'scheduled':
    case 'running':
    case 'paused':
      return `/campaigns/${c.id}/sending`;
    case 'finished':
    case 'cancelled':
    case 'failed':
      return `/campaigns/${c.id}/report`;
  }
}
