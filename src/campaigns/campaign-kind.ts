/** A campaign kind's name: one of the kinds the KindRegistry knows (src/kinds/<kind>/<kind>.kind.ts). */
export type CampaignKind = string;

export const VALUE_DIMENSIONS = ['functional', 'economic', 'emotional', 'symbolic'] as const;
export type ValueDimension = (typeof VALUE_DIMENSIONS)[number];
