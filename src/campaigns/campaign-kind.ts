export const CAMPAIGN_KINDS = ['discount', 'loyalty', 'knowledge', 'service', 'poll', 'gift', 'contest'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

export const VALUE_DIMENSIONS = ['functional', 'economic', 'emotional', 'symbolic'] as const;
export type ValueDimension = (typeof VALUE_DIMENSIONS)[number];
