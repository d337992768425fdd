import type { DataSource } from 'typeorm';
import type { Campaign } from '../../campaigns/campaign.entity';
import { dbTime, jsonNumber } from '../../common/db/sql-dialect';
import type { EventType } from '../../events/event-types';
import { itemsByLinkIndex } from '../../kinds/knowledge/knowledge-links';
import type { KnowledgeContent } from '../../kinds/knowledge/knowledge.content';
import { loyaltySince } from '../../kinds/loyalty/loyalty-report';

/** What "acted" means for a campaign's kind, as a condition on `events e` (plus its parameters). */
export interface KindAction {
  label: string;
  eventTypes: EventType[];
  where: string;
  params: unknown[];
}

const CLICKS: EventType[] = ['click', 'knowledge_click'];

function ofCampaign(campaignId: number, label: string, eventTypes: EventType[]): KindAction {
  return { label, eventTypes, where: `e.campaign_id = ? AND e.type IN (${eventTypes.map((t) => `'${t}'`).join(', ')})`, params: [campaignId] };
}

export function kindActionOf(ds: DataSource, campaign: Campaign): KindAction {
  switch (campaign.kind) {
    case 'poll':
      return ofCampaign(campaign.id, 'answered the poll', ['poll_answered']);
    case 'contest':
      return ofCampaign(campaign.id, 'entered the contest', ['contest_entered']);
    case 'gift':
      return ofCampaign(campaign.id, 'claimed the gift', ['gift_claimed']);
    case 'discount':
      return ofCampaign(campaign.id, 'redeemed the coupon or started the trial', ['coupon_redeemed', 'trial_started']);
    case 'service':
      return ofCampaign(campaign.id, 'requested a service', ['service_requested']);
    case 'knowledge': {
      // Only clicks on the items' own links; a shop or logo link in the same mail is not learning.
      const itemLinks = [...itemsByLinkIndex(campaign.links ?? [], campaign.content as unknown as KnowledgeContent).keys()];
      const base = ofCampaign(campaign.id, 'clicked a knowledge item', CLICKS);
      if (itemLinks.length === 0) return { ...base, where: '1 = 0', params: [] };
      return { ...base, where: `${base.where} AND ${jsonNumber(ds, 'e.data', 'index')} IN (${itemLinks.map(() => '?').join(', ')})`, params: [...base.params, ...itemLinks] };
    }
    case 'loyalty':
      // Redemptions name no campaign: a recipient's redemption after the send counts, as in the loyalty report.
      return {
        label: 'collected the bonus or redeemed points',
        eventTypes: ['bonus_collected', 'points_redeemed'],
        where: "((e.campaign_id = ? AND e.type = 'bonus_collected') OR (e.type = 'points_redeemed' AND e.occurred_at >= ?))",
        params: [campaign.id, dbTime(ds, loyaltySince(campaign))],
      };
    default: {
      const unreachable: never = campaign.kind;
      throw new Error(`no action defined for kind ${String(unreachable)}`);
    }
  }
}
