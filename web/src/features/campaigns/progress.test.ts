import { describe, expect, it } from 'vitest';
import { campaignLink } from './campaign-links';
import { progressFraction } from './progress';

describe('progressFraction', () => {
  const base = { status: 'running' as const, audienceComplete: true, failed: 0, suppressed: 0 };
  it('counts sent, failed and suppressed as done', () => {
    expect(progressFraction({ ...base, total: 200, sent: 100, failed: 30, suppressed: 20 })).toBe(0.75);
  });
  it('never shows 100% while the audience is still being taken', () => {
    expect(progressFraction({ ...base, audienceComplete: false, total: 1000, sent: 1000 })).toBe(0.99);
  });
  it('is complete for a finished campaign with nobody in it', () => {
    expect(progressFraction({ ...base, status: 'finished', total: 0, sent: 0 })).toBe(1);
    expect(progressFraction({ ...base, total: 0, sent: 0 })).toBe(0);
  });
});

describe('campaignLink', () => {
  it('opens drafts in the composer, live ones in the sending view and the rest in the report', () => {
    expect(campaignLink({ id: 3, status: 'draft' })).toBe('/campaigns/3/edit');
    expect(campaignLink({ id: 3, status: 'paused' })).toBe('/campaigns/3/sending');
    expect(campaignLink({ id: 3, status: 'finished' })).toBe('/campaigns/3/report');
  });
});
