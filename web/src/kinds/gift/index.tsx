import { IconGift } from '@tabler/icons-react';
import type { GiftReport } from '../../api/types';
import type { WebKind } from '../types';
import { cleanGift, giftDefaults } from './content';
import { GiftForm } from './form';
import { GiftBlock } from './report-block';

export const giftKind: WebKind = {
  name: 'gift',
  icon: (s = 24) => <IconGift size={s} aria-hidden />,
  color: 'pink',
  dimensions: ['emotional'],
  content: { defaults: giftDefaults, clean: cleanGift, dateFields: ['claimDeadline'] },
  Form: GiftForm,
  ReportBlock: ({ report }) => (report ? <GiftBlock r={report as GiftReport} /> : null),
  headline: (_h, t) => ({ label: t('dashboard.headlines.claims') }),
};
