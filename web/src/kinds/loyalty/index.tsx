import { IconStar } from '@tabler/icons-react';
import type { LoyaltyReport } from '../../api/types';
import type { WebKind } from '../types';
import { cleanLoyalty, loyaltyDefaults } from './content';
import { LoyaltyForm } from './form';
import { LoyaltyBlock } from './report-block';

export const loyaltyKind: WebKind = {
  name: 'loyalty',
  icon: (s = 24) => <IconStar size={s} aria-hidden />,
  color: 'yellow',
  dimensions: ['economic', 'emotional'],
  content: { defaults: loyaltyDefaults, clean: cleanLoyalty },
  Form: LoyaltyForm,
  ReportBlock: ({ report }) => (report ? <LoyaltyBlock r={report as LoyaltyReport} /> : null),
  headline: (_h, t) => ({ label: t('dashboard.headlines.points') }),
};
