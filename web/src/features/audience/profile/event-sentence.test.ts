import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../../api/types';
import '../../../i18n';
import { eventSentence, machineSentence } from './event-sentence';

// A string, not the known types: the sentences must cope with a type this app does not know.
const event = (type: string, data: Record<string, unknown>, extra: Partial<TimelineEvent> = {}): TimelineEvent => ({
  id: 1,
  type: type as TimelineEvent['type'],
  campaignId: 8,
  campaignName: 'Summer NPS',
  deliveryId: 3,
  subscriberId: 2,
  occurredAt: '2026-12-01T09:00:00Z',
  data,
  machine: false,
  machineReason: null,
  ...extra,
});

describe('timeline sentences', () => {
  beforeAll(() => i18n.changeLanguage('en'));
  const t = i18n.t.bind(i18n);

  it('says what a person did, in words, with the figures in their place', () => {
    expect(eventSentence(event('poll_answered', { value: '9', pollType: 'nps' }), t)).toBe(
      'Answered 9 out of 10 to how likely they are to recommend you',
    );
    expect(eventSentence(event('click', { index: 0, url: 'https://shop.example/tea?utm_source=x' }), t)).toBe(
      'Clicked a link to shop.example/tea',
    );
    expect(eventSentence(event('purchase', { amount: 49.5, currency: 'EUR', orderId: 'A1' }), t)).toMatch(
      /^Bought for €\s?49[.,]50$/,
    );
    expect(eventSentence(event('points_redeemed', { points: -250 }), t)).toBe('Spent 250 points');
    expect(eventSentence(event('coupon_redeemed', { code: 'TEA15' }), t)).toBe('Used coupon TEA15');
    expect(eventSentence(event('contest_referral', { referredSubscriberId: 5, bonusEntries: 2 }), t)).toBe(
      'Brought a friend into the contest (+2 entries)',
    );
  });

  it('never shows an internal name, even for a type of the API caller’s own', () => {
    expect(eventSentence(event('newsletter_forwarded', { foo: 1 }), t)).toBe('newsletter forwarded');
  });

  it('explains why a machine event does not count', () => {
    const scanned = event('open', {}, { machine: true, machineReason: 'scanner_user_agent' });
    expect(machineSentence(scanned, t)).toBe('Not counted: a mail security scanner, by the name its browser gives');
    expect(machineSentence(event('open', {}, { machine: true, machineReason: 'new_rule' }), t)).toBe(
      'Not counted: made by a machine, not a person',
    );
  });

  it('speaks Dutch too', async () => {
    await i18n.changeLanguage('nl');
    expect(eventSentence(event('poll_answered', { value: '4', pollType: 'csat' }), t)).toBe(
      'Gaf de tevredenheid een 4 van 5',
    );
    await i18n.changeLanguage('en');
  });
});
