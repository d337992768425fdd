import { nextMembershipStatus } from './membership-transition';

describe('nextMembershipStatus', () => {
  it('joins single opt-in lists confirmed and double opt-in lists unconfirmed', () => {
    expect(nextMembershipStatus(undefined, { type: 'subscribe', optIn: 'single', method: 'api' })).toBe('confirmed');
    expect(nextMembershipStatus(undefined, { type: 'subscribe', optIn: 'double', method: 'form' })).toBe('unconfirmed');
  });
  it('treats an import as the marketer vouching for consent', () => {
    expect(nextMembershipStatus(undefined, { type: 'subscribe', optIn: 'double', method: 'import' })).toBe('confirmed');
  });
  it('confirms only unconfirmed members', () => {
    expect(nextMembershipStatus('unconfirmed', { type: 'confirm' })).toBe('confirmed');
    expect(nextMembershipStatus('unsubscribed', { type: 'confirm' })).toBeUndefined();
    expect(nextMembershipStatus('confirmed', { type: 'confirm' })).toBeUndefined();
  });
  it('never resubscribes an unsubscribed member through the API or an import', () => {
    expect(nextMembershipStatus('unsubscribed', { type: 'subscribe', optIn: 'single', method: 'api' })).toBeUndefined();
    expect(
      nextMembershipStatus('unsubscribed', { type: 'subscribe', optIn: 'single', method: 'import' }),
    ).toBeUndefined();
    expect(nextMembershipStatus('unsubscribed', { type: 'subscribe', optIn: 'double', method: 'form' })).toBe(
      'unconfirmed',
    );
  });
  it('unsubscribes current members once', () => {
    expect(nextMembershipStatus('confirmed', { type: 'unsubscribe' })).toBe('unsubscribed');
    expect(nextMembershipStatus('unsubscribed', { type: 'unsubscribe' })).toBeUndefined();
  });
});
