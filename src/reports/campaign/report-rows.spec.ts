import type { CampaignReport } from './campaign-report.types';
import { reportRows } from './report-rows';

describe('reportRows', () => {
  it('names every figure by its path, array elements by their key', () => {
    const report = {
      campaign: {
        id: 7,
        name: 'Spring',
        kind: 'poll',
        status: 'finished',
        subject: 's',
        startedAt: '2030-01-01T10:00:00.000Z',
        finishedAt: null,
      },
      generatedAt: '2030-01-02T00:00:00.000Z',
      funnel: {
        steps: [{ key: 'opened', label: 'Opened', count: 3, rate: 0.75, rateOf: 'delivered' }],
        acted: { eventTypes: ['poll_answered', 'x'] },
      },
      kindBlock: {
        kind: 'poll',
        report: {
          nps: { score: -33.3 },
          comments: [
            { value: '9', comment: 'a' },
            { value: '9', comment: 'b' },
          ],
        },
      },
      value: { dimensions: [{ dimension: 'emotional', total: 18 }] },
      deliverability: {},
      revenue: { byCurrency: [{ currency: 'EUR', total: 69 }] },
      timeline: { points: [{ hour: '2030-01-01T10:00:00.000Z', humanOpens: 2 }] },
    } as unknown as CampaignReport;
    const rows = reportRows(report);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['campaign', 'finishedAt', ''],
        ['funnel', 'steps[opened].rate', 0.75],
        ['funnel', 'acted.eventTypes', 'poll_answered; x'],
        ['kind', 'kind', 'poll'],
        ['kind', 'nps.score', -33.3],
        // Two comments with the same value: named by position instead.
        ['kind', 'comments[1].comment', 'b'],
        ['value', 'dimensions[emotional].total', 18],
        ['revenue', 'byCurrency[EUR].total', 69],
        ['timeline', 'points[2030-01-01T10:00:00.000Z].humanOpens', 2],
      ]),
    );
  });
});
