import type { ValueDimension } from '../../api/types';

export const DIMENSION_COLORS: Record<ValueDimension, string> = {
  functional: 'blue.6',
  economic: 'green.6',
  emotional: 'pink.6',
  symbolic: 'violet.6',
};
