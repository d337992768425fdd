import { VALUE_DIMENSIONS, ValueDimension } from '../../campaigns/campaign-kind';
import type { EventType } from '../../events/event-types';
import { INTERACTION_STRENGTH } from '../../scores/value-model';
import type { ValueDelivered } from './campaign-report.types';

const round = (n: number, places: number): number => Math.round(n * 10 ** places) / 10 ** places;

/** The event types that carry value, for SQL `IN (...)` lists (constants of ours). */
export const VALUED_EVENT_TYPES = Object.keys(INTERACTION_STRENGTH) as EventType[];

/** SQL that sums the interaction strengths of `events e` rows: Σ strength, before the kind's weights. */
export function strengthSumSql(): string {
  const cases = Object.entries(INTERACTION_STRENGTH)
    .map(([type, strength]) => `WHEN '${type}' THEN ${Number(strength)}`)
    .join(' ');
  return `SUM(CASE e.type ${cases} ELSE 0 END)`;
}

/** Strength × the kind's weight per dimension: what a sum of strengths is worth in each dimension. */
export type KindWeights = Partial<Record<ValueDimension, number>>;

export function dimensionValues(weights: KindWeights, strength: number): Record<ValueDimension, number> {
  return Object.fromEntries(VALUE_DIMENSIONS.map((d) => [d, round(strength * (weights[d] ?? 0), 4)])) as Record<
    ValueDimension,
    number
  >;
}

/**
 * What a campaign delivered: Σ over its human events of strength × the kind's
 * weight, undecayed (a campaign's value does not fade; a subscriber's does).
 */
export function valueDelivered(
  weights: KindWeights,
  eventsByType: Partial<Record<EventType, number>>,
  delivered: number,
): ValueDelivered {
  const byEventType = VALUED_EVENT_TYPES.filter((type) => (eventsByType[type] ?? 0) > 0).map((type) => {
    const events = eventsByType[type] ?? 0;
    const strength = INTERACTION_STRENGTH[type] ?? 0;
    return { type, events, strength, points: events * strength };
  });
  const strength = byEventType.reduce((sum, e) => sum + e.points, 0);
  const values = dimensionValues(weights, strength);
  const per = (n: number) => (delivered > 0 ? round(n / delivered, 4) : 0);
  const dimensions = VALUE_DIMENSIONS.map((dimension) => ({
    dimension,
    total: values[dimension],
    perDeliveredRecipient: per(values[dimension]),
  }));
  const total = round(
    dimensions.reduce((sum, d) => sum + d.total, 0),
    4,
  );
  return { dimensions, total, perDeliveredRecipient: per(total), byEventType };
}
