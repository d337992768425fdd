import { describe, expect, it } from 'vitest';
import { zonedToIso } from './timezone';

describe('zonedToIso', () => {
  it('uses the offset in force at that wall-clock time (Amsterdam: +01:00 in winter, +02:00 in summer)', () => {
    expect(zonedToIso('2026-01-15', '09:30', 'Europe/Amsterdam')).toBe('2026-01-15T09:30:00+01:00');
    expect(zonedToIso('2026-07-01', '09:30', 'Europe/Amsterdam')).toBe('2026-07-01T09:30:00+02:00');
  });

  it('handles the day clocks change (29 March 2026, 03:00 is already summer time)', () => {
    expect(zonedToIso('2026-03-29', '03:00', 'Europe/Amsterdam')).toBe('2026-03-29T03:00:00+02:00');
    expect(zonedToIso('2026-03-29', '01:00', 'Europe/Amsterdam')).toBe('2026-03-29T01:00:00+01:00');
  });

  it('writes negative and zero offsets', () => {
    expect(zonedToIso('2026-01-15', '08:00', 'America/New_York')).toBe('2026-01-15T08:00:00-05:00');
    expect(zonedToIso('2026-01-15', '08:00', 'UTC')).toBe('2026-01-15T08:00:00+00:00');
  });

  it('names the instant the marketer meant', () => {
    expect(new Date(zonedToIso('2026-07-01', '09:30', 'Europe/Amsterdam')).toISOString()).toBe(
      '2026-07-01T07:30:00.000Z',
    );
  });
});
