import { sumForScore } from '../value-model';

// Scores are shown with one decimal (scoreOf rounds half up), and segments
// compare what the marketer sees: "gt 60" excludes a 60.0 that is 60.04 inside.
// Each comparison becomes a condition "raw score ≥ g" (or its negation) on the
// continuous score, which becomes "decayed sum ≥ sumForScore(g)".

export type Bound = { kind: 'all' } | { kind: 'none' } | { kind: 'sumAtLeast'; sum: number };

const EPSILON = 1e-9;

/** The set "displayed score ≥ v" for a multiple of 0.1, as a bound on the decayed sum. */
function displayedAtLeast(tenths: number): Bound {
  const g = tenths / 10 - 0.05;
  if (g <= 0) return { kind: 'all' };
  if (g >= 100) return { kind: 'none' };
  return { kind: 'sumAtLeast', sum: sumForScore(g) };
}

/** `include` ∧ ¬`exclude`: what a comparison on the displayed score selects. */
export interface ScoreCondition {
  include: Bound;
  exclude: Bound;
}

export function scoreCondition(op: 'gt' | 'lt' | 'eq', value: number): ScoreCondition {
  const ceilTenths = Math.ceil(value * 10 - EPSILON);
  const isTenth = Math.abs(value * 10 - Math.round(value * 10)) < EPSILON;
  const all: Bound = { kind: 'all' };
  const none: Bound = { kind: 'none' };
  switch (op) {
    case 'gt':
      return { include: displayedAtLeast(Math.floor(value * 10 + EPSILON) + 1), exclude: none };
    case 'lt':
      return { include: all, exclude: displayedAtLeast(ceilTenths) };
    case 'eq':
      // A value between tenths is never shown, so nothing equals it.
      return isTenth
        ? { include: displayedAtLeast(Math.round(value * 10)), exclude: displayedAtLeast(Math.round(value * 10) + 1) }
        : { include: none, exclude: none };
  }
}

/** Whether a raw decayed sum satisfies a condition (the reference the SQL must agree with; used by tests). */
export function sumSatisfies(condition: ScoreCondition, sum: number): boolean {
  const holds = (b: Bound) => b.kind === 'all' || (b.kind === 'sumAtLeast' && sum >= b.sum);
  return holds(condition.include) && !holds(condition.exclude);
}
