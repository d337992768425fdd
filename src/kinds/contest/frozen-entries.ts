import type { DrawEntry, DrawInput } from './contest-draw';
import type { ContestDraw } from './contest.entities';

/** A frozen entry as stored: the public pseudonym and weight, plus the subscriber it stands for (never published). */
export interface FrozenEntry extends DrawEntry {
  subscriberId: number;
}

export function frozenEntries(draw: ContestDraw): FrozenEntry[] {
  const rows = JSON.parse(draw.snapshot ?? '[]') as Array<[string, number, number]>;
  return rows.map(([ref, weight, subscriberId]) => ({ ref, weight, subscriberId }));
}

export function drawInputOf(draw: ContestDraw, entries: DrawEntry[], beaconValue: string | null): DrawInput {
  return { seed: draw.seed, entries: entries.map(({ ref, weight }) => ({ ref, weight })), beaconValue };
}
