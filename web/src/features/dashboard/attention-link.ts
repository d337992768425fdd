import type { AttentionItem } from '../../api/types';

// Paused or scheduled campaigns are acted on in the live view (resume, unschedule); the rest are read in the report.
const LIVE_VIEW_TYPES = ['campaign_auto_paused', 'campaign_paused', 'scheduled_without_recipients'];

/** Where an attention item leads: the campaign, list, import or webhook it is about. */
export function attentionHref(item: Pick<AttentionItem, 'type' | 'link'>): string {
  const { type, id } = item.link;
  switch (type) {
    case 'campaign':
      return LIVE_VIEW_TYPES.includes(item.type) ? `/campaigns/${id}/sending` : `/campaigns/${id}/report`;
    case 'list':
      return `/audience/lists/${id}`;
    case 'import':
      return '/audience/import';
    case 'webhook':
      return '/settings/webhooks';
  }
}
