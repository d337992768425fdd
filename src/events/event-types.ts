// Every measured interaction is one of these. Kind modules add theirs here so
// the log, reports and scores share one vocabulary.
export const EVENT_TYPES = [
  'delivered',
  'open',
  'click',
  'bounce',
  'complaint',
  'unsubscribe',
  'conversion',
  'purchase',
  'coupon_rolled_back',
  'coupon_redeemed',
  'trial_started',
  'points_earned',
  'points_redeemed',
  'points_adjusted',
  'points_expired',
  'bonus_collected',
  'knowledge_click',
  'service_requested',
  'poll_answered',
  'poll_commented',
  'gift_claimed',
  'contest_entered',
  'contest_referral',
  'contest_won',
  // A GET of one of our public pages from a mail link: evidence for the scanner rules, no value.
  'page_view',
  // Earlier events of a subscriber were re-flagged as machine-made: scores fold them again.
  'reflagged',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
