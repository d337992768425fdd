import {
  IconBook2,
  IconDiscount2,
  IconGift,
  IconHeartHandshake,
  IconMail,
  IconMessageQuestion,
  IconStar,
  IconTrophy,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { CampaignKind, ValueDimension } from '../../api/types';

// The value each kind delivers (DESIGN.md, "The seven campaign kinds"). Weights for scoring live on the server
// (src/scores/value-model.ts); the composer only names the dimensions.
export const KIND_META: Record<
  CampaignKind,
  { icon: (size?: number) => ReactNode; color: string; dimensions: ValueDimension[] }
> = {
  discount: { icon: (s = 24) => <IconDiscount2 size={s} aria-hidden />, color: 'green', dimensions: ['economic'] },
  loyalty: {
    icon: (s = 24) => <IconStar size={s} aria-hidden />,
    color: 'yellow',
    dimensions: ['economic', 'emotional'],
  },
  knowledge: { icon: (s = 24) => <IconBook2 size={s} aria-hidden />, color: 'blue', dimensions: ['functional'] },
  service: {
    icon: (s = 24) => <IconHeartHandshake size={s} aria-hidden />,
    color: 'cyan',
    dimensions: ['functional', 'emotional'],
  },
  poll: { icon: (s = 24) => <IconMessageQuestion size={s} aria-hidden />, color: 'grape', dimensions: ['emotional'] },
  gift: { icon: (s = 24) => <IconGift size={s} aria-hidden />, color: 'pink', dimensions: ['emotional'] },
  contest: {
    icon: (s = 24) => <IconTrophy size={s} aria-hidden />,
    color: 'orange',
    dimensions: ['emotional', 'symbolic'],
  },
};

export const DIMENSION_COLORS: Record<ValueDimension, string> = {
  functional: 'blue.6',
  economic: 'green.6',
  emotional: 'pink.6',
  symbolic: 'violet.6',
};

const PLUGIN_KIND_META = {
  icon: (s = 24) => <IconMail size={s} aria-hidden />,
  color: 'gray',
  dimensions: [] as ValueDimension[],
};

/** A kind's icon and colour; a kind from a server plugin, unknown to the web app, gets a neutral one. */
export function kindMeta(kind: string): (typeof KIND_META)[CampaignKind] {
  return KIND_META[kind as CampaignKind] ?? PLUGIN_KIND_META;
}
