import type { EventType } from '../events/event-types';

/** The public event names receivers subscribe to, with what each means. */
export const WEBHOOK_EVENTS = {
  'delivery.sent': 'A campaign message was accepted by the mail server',
  'delivery.bounced': 'A message bounced (hard or soft)',
  open: 'A subscriber opened a message (machine opens only for endpoints that include them)',
  click: 'A subscriber clicked a tracked link (machine clicks only for endpoints that include them)',
  unsubscribe: 'A subscriber unsubscribed from a list or from all mail',
  complaint: 'A subscriber reported a message as spam',
  'poll.answered': 'A poll was answered (a changed answer is a new event)',
  'contest.entered': 'A subscriber entered a contest',
  'gift.claimed': 'A gift was claimed',
  'coupon.redeemed': 'A coupon code was redeemed',
  'trial.started': 'A trial was started from a campaign link',
  'trial.converted': 'A trial became a paid subscription (a conversion)',
  'service.requested': 'A service offer was requested',
  'score.class_changed': "A subscriber's score class changed, e.g. became an NPS detractor",
} as const;

export type WebhookEventName = keyof typeof WEBHOOK_EVENTS;
export const WEBHOOK_EVENT_NAMES = Object.keys(WEBHOOK_EVENTS) as WebhookEventName[];

/** Sent only by the "send test" action, whatever the endpoint's filter. */
export const PING_EVENT = 'ping';
export type DeliveredEventName = WebhookEventName | typeof PING_EVENT;

// Every internal type is named here, so a new one cannot be forgotten: null = not published.
const FROM_LOG: Record<EventType, WebhookEventName | null> = {
  delivered: 'delivery.sent',
  bounce: 'delivery.bounced',
  open: 'open',
  click: 'click',
  unsubscribe: 'unsubscribe',
  complaint: 'complaint',
  poll_answered: 'poll.answered',
  contest_entered: 'contest.entered',
  gift_claimed: 'gift.claimed',
  coupon_redeemed: 'coupon.redeemed',
  trial_started: 'trial.started',
  conversion: 'trial.converted',
  service_requested: 'service.requested',
  purchase: null,
  coupon_rolled_back: null,
  points_earned: null,
  points_redeemed: null,
  points_adjusted: null,
  points_expired: null,
  bonus_collected: null,
  knowledge_click: null,
  poll_commented: null,
  contest_referral: null,
  contest_won: null,
  page_view: null,
  reflagged: null,
};

export function publicEventName(type: EventType): WebhookEventName | null {
  return FROM_LOG[type] ?? null;
}

/** Events that can be machine-flagged (privacy proxies, link scanners). */
export const MACHINE_FLAGGABLE: ReadonlySet<WebhookEventName> = new Set(['open', 'click']);
