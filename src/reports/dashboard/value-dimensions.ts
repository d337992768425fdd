import { Injectable } from '@nestjs/common';
import type { ValueDimensionsDto } from './dashboard.dto';

export const NO_PROFILES_REASON =
  'Value scores are not computed on this installation yet: the averages appear once subscriber value profiles exist.';

/**
 * Average value dimensions across active subscribers belong to the stored value
 * profiles (src/scores, table value_profiles). Deriving them from the raw event
 * log instead would decay and sum every human event of the last 90 days per
 * subscriber on each call (millions of rows at 10M events), so until the
 * profiles exist the answer is null with a reason.
 */
@Injectable()
export class ValueDimensions {
  async execute(activeSubscribers: number): Promise<ValueDimensionsDto> {
    return { source: null, reason: NO_PROFILES_REASON, subscribers: activeSubscribers, averages: null, computedAt: null };
  }
}
