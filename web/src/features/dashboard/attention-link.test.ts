import { describe, expect, it } from 'vitest';
import { attentionHref } from './attention-link';

describe('attentionHref', () => {
  it('opens paused and empty scheduled campaigns in the live view, other campaign problems in the report', () => {
    expect(attentionHref({ type: 'campaign_auto_paused', link: { type: 'campaign', id: 7 } })).toBe(
      '/campaigns/7/sending',
    );
    expect(attentionHref({ type: 'scheduled_without_recipients', link: { type: 'campaign', id: 8 } })).toBe(
      '/campaigns/8/sending',
    );
    expect(attentionHref({ type: 'high_hard_bounce_rate', link: { type: 'campaign', id: 9 } })).toBe(
      '/campaigns/9/report',
    );
  });
  it('opens lists, imports and webhooks where they are managed', () => {
    expect(attentionHref({ type: 'import_bad_rows', link: { type: 'list', id: 3 } })).toBe('/audience/lists/3');
    expect(attentionHref({ type: 'import_failed', link: { type: 'import', id: 4 } })).toBe('/audience/import');
    expect(attentionHref({ type: 'webhook_disabled', link: { type: 'webhook', id: 5 } })).toBe('/settings/webhooks');
  });
});
