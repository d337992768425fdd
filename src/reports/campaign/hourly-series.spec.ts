import { hourlySeries, hourlyWindow, MAX_HOURLY_BUCKETS } from './hourly-series';

const at = (iso: string) => new Date(iso);

describe('hourly series', () => {
  it('spans every hour from the send start to now, zeros included', () => {
    const window = hourlyWindow(at('2030-03-01T09:40:00Z'), at('2030-03-01T12:05:00Z'))!;
    const series = hourlySeries(window, [
      { hour: at('2030-03-01T09:00:00Z'), kind: 'open', machine: true, count: 4 },
      { hour: at('2030-03-01T09:00:00Z'), kind: 'open', machine: false, count: 2 },
      { hour: at('2030-03-01T11:00:00Z'), kind: 'click', machine: false, count: 3 },
      { hour: at('2030-03-01T11:00:00Z'), kind: 'click', machine: true, count: 1 },
    ]);
    expect(series).toEqual({
      interval: 'hour',
      from: '2030-03-01T09:00:00.000Z',
      to: '2030-03-01T12:00:00.000Z',
      truncated: false,
      points: [
        { hour: '2030-03-01T09:00:00.000Z', humanOpens: 2, machineOpens: 4, humanClicks: 0, machineClicks: 0 },
        { hour: '2030-03-01T10:00:00.000Z', humanOpens: 0, machineOpens: 0, humanClicks: 0, machineClicks: 0 },
        { hour: '2030-03-01T11:00:00.000Z', humanOpens: 0, machineOpens: 0, humanClicks: 3, machineClicks: 1 },
        { hour: '2030-03-01T12:00:00.000Z', humanOpens: 0, machineOpens: 0, humanClicks: 0, machineClicks: 0 },
      ],
    });
  });

  it('stops after 30 days of hours and says so', () => {
    const window = hourlyWindow(at('2030-01-01T00:10:00Z'), at('2030-06-01T00:00:00Z'))!;
    expect(window.truncated).toBe(true);
    const series = hourlySeries(window, []);
    expect(series.points).toHaveLength(MAX_HOURLY_BUCKETS);
    expect(series.to).toBe('2030-01-30T23:00:00.000Z');
  });

  it('is empty before the campaign started', () => {
    expect(hourlySeries(hourlyWindow(null, new Date()), [])).toEqual({
      interval: 'hour',
      from: null,
      to: null,
      truncated: false,
      points: [],
    });
  });
});
