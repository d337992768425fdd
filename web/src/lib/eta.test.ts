import { describe, expect, it } from 'vitest';
import { addSample, etaSeconds, formatDuration, rateOf } from './eta';

describe('rateOf', () => {
  it('is unknown with fewer than two samples', () => {
    expect(rateOf([])).toBeNull();
    expect(rateOf([{ at: 1000, done: 5 }])).toBeNull();
  });

  it('divides items by seconds over the window, ignoring older samples', () => {
    // 0 s: 0, 9 s: 500 (outside a 5 s window), 12 s: 600, 15 s: 900 → (900 − 600) / 3 s = 100/s
    const samples = [
      { at: 0, done: 0 },
      { at: 9_000, done: 500 },
      { at: 12_000, done: 600 },
      { at: 15_000, done: 900 },
    ];
    expect(rateOf(samples, 5_000)).toBe(100);
    // the whole span: 900 / 15 s = 60/s
    expect(rateOf(samples, 60_000)).toBe(60);
  });
});

describe('etaSeconds', () => {
  it('is 0 when nothing remains and unknown without a rate', () => {
    expect(etaSeconds(0, null)).toBe(0);
    expect(etaSeconds(10, null)).toBeNull();
    expect(etaSeconds(10, 0)).toBeNull();
  });

  it('rounds up: 1,001 left at 100/s is 11 s', () => {
    expect(etaSeconds(1001, 100)).toBe(11);
  });
});

describe('addSample', () => {
  it('drops samples older than the window and starts over when the counter goes back', () => {
    let samples = addSample([], { at: 0, done: 0 }, 10_000);
    samples = addSample(samples, { at: 5_000, done: 50 }, 10_000);
    samples = addSample(samples, { at: 12_000, done: 120 }, 10_000);
    expect(samples.map((s) => s.at)).toEqual([5_000, 12_000]);
    expect(addSample(samples, { at: 13_000, done: 3 }, 10_000)).toEqual([{ at: 13_000, done: 3 }]);
  });
});

describe('formatDuration', () => {
  it('uses the largest sensible units', () => {
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(7800)).toBe('2 h 10 min');
    expect(formatDuration(65, { s: 's', min: 'min', h: 'u' })).toBe('1 min 05 s');
  });
});
