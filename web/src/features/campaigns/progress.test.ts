import { describe, expect, it } from 'vitest';
import { campaignLink } from './campaign-links';
import { shownProgress } from './progress';

describe('shownProgress', () => {
  it("shows the server's share of the audience done", () => {
    expect(shownProgress({ progress: 0.75, audienceComplete: true })).toBe(0.75);
    expect(shownProgress({ progress: 1, audienceComplete: true })).toBe(1);
  });
  it('never shows 100% while the audience is still being taken', () => {
    expect(shownProgress({ progress: 1, audienceComplete: false })).toBe(0.99);
    expect(shownProgress({ progress: 0.5, audienceComplete: false })).toBe(0.5);
  });
});

describe('campaignLink', () => {
  it('opens drafts in the composer, live ones in the sending view and the rest in the report', () => {
    expect(campaignLink({ id: 3, status: 'draft' })).toBe('/campaigns/3/edit');
    expect(campaignLink({ id: 3, status: 'paused' })).toBe('/campaigns/3/sending');
    expect(campaignLink({ id: 3, status: 'finished' })).toBe('/campaigns/3/report');
  });
});
