import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../api/types';
import { attentionItems } from './attention';

const campaign = (over: Partial<Campaign>): Campaign => ({ id: 1, status: 'finished', sentCount: 0, hardBounceCount: 0, complaintCount: 0, ...over }) as Campaign;

describe('attentionItems', () => {
  it('lists paused and failed campaigns', () => {
    const items = attentionItems([campaign({ id: 1, status: 'paused' }), campaign({ id: 2, status: 'failed' }), campaign({ id: 3, status: 'running' })]);
    expect(items.map((i) => [i.kind, i.campaign.id])).toEqual([
      ['paused', 1],
      ['failed', 2],
    ]);
  });

  it('flags bounce rates from 2% and complaint rates from 0.1%, once per campaign even if listed twice', () => {
    const bouncy = campaign({ id: 4, sentCount: 1000, hardBounceCount: 20 }); // 2.0%
    const fine = campaign({ id: 5, sentCount: 1000, hardBounceCount: 19, complaintCount: 0 }); // 1.9%
    const complained = campaign({ id: 6, sentCount: 2000, complaintCount: 2 }); // 0.1%
    const items = attentionItems([bouncy, fine, complained, bouncy]);
    expect(items.map((i) => [i.kind, i.campaign.id, i.rate])).toEqual([
      ['bounces', 4, 0.02],
      ['complaints', 6, 0.001],
    ]);
  });

  it('says nothing about tiny sends', () => {
    expect(attentionItems([campaign({ sentCount: 10, hardBounceCount: 5 })])).toEqual([]);
  });
});
