import { CAMPAIGN_STATUSES, CampaignAction, IllegalTransitionException, nextStatus } from './campaign-status';

describe('campaign status machine', () => {
  it('walks the happy path', () => {
    let s = nextStatus('draft', 'schedule');
    expect(s).toBe('scheduled');
    s = nextStatus(s, 'start');
    expect(s).toBe('running');
    s = nextStatus(nextStatus(s, 'pause'), 'resume');
    expect(s).toBe('running');
    expect(nextStatus(s, 'finish')).toBe('finished');
  });

  it('cancels from every non-final state and from no final one', () => {
    for (const status of CAMPAIGN_STATUSES) {
      const final = ['finished', 'cancelled', 'failed'].includes(status);
      if (final) expect(() => nextStatus(status, 'cancel')).toThrow(IllegalTransitionException);
      else expect(nextStatus(status, 'cancel')).toBe('cancelled');
    }
  });

  it.each<[Parameters<typeof nextStatus>[0], CampaignAction]>([
    ['draft', 'pause'],
    ['scheduled', 'resume'],
    ['paused', 'pause'],
    ['finished', 'start'],
    ['running', 'schedule'],
  ])('refuses %s → %s with a 409 that names both', (status, action) => {
    try {
      nextStatus(status, action);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(IllegalTransitionException);
      expect((error as IllegalTransitionException).status).toBe(409);
      expect((error as Error).message).toContain(status);
      expect((error as Error).message).toContain(action);
    }
  });
});
