// Rate and time-left estimates for live progress (sending, imports). The server sends its own figures;
// these smooth them over the samples the page has seen, so the numbers do not jump with every poll.

export interface ProgressSample {
  /** ms since epoch */
  at: number;
  /** items done so far (sent + failed + suppressed, or rows read) */
  done: number;
}

/** Items per second over the samples within `windowMs` of the newest one; null until two samples span time. */
export function rateOf(samples: ProgressSample[], windowMs = 10_000): number | null {
  if (samples.length < 2) return null;
  const newest = samples[samples.length - 1];
  const oldest = samples.find((s) => newest.at - s.at <= windowMs) ?? samples[0];
  const seconds = (newest.at - oldest.at) / 1000;
  if (seconds <= 0) return null;
  return Math.max(0, (newest.done - oldest.done) / seconds);
}

/** Seconds left for `remaining` items at `rate`/s: 0 when nothing remains, null when it cannot be known. */
export function etaSeconds(remaining: number, rate: number | null): number | null {
  if (remaining <= 0) return 0;
  if (!rate || rate <= 0 || !Number.isFinite(rate)) return null;
  return Math.ceil(remaining / rate);
}

/** Keeps the samples of the last `keepMs`, appending the new one (pure: returns a new array). */
export function addSample(samples: ProgressSample[], sample: ProgressSample, keepMs = 30_000): ProgressSample[] {
  const last = samples[samples.length - 1];
  // A counter that went backwards means a new run (resume from zero): start over.
  const base = last && sample.done < last.done ? [] : samples;
  return [...base.filter((s) => sample.at - s.at <= keepMs), sample];
}

/** Compact duration: 45 s, 3 min 05 s, 2 h 10 min. Units come from the caller's translations. */
export function formatDuration(
  seconds: number,
  units: { s: string; min: string; h: string } = { s: 's', min: 'min', h: 'h' },
): string {
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return `${total} ${units.s}`;
  if (total < 3600) {
    const m = Math.floor(total / 60);
    const s = total % 60;
    return `${m} ${units.min} ${String(s).padStart(2, '0')} ${units.s}`;
  }
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  return `${h} ${units.h} ${m} ${units.min}`;
}
