import { IconDiscount2 } from '@tabler/icons-react';
import type { DiscountReport } from '../../api/types';
import { fmtRate } from '../../lib/format';
import type { WebKind } from '../types';
import { cleanDiscount, discountDefaults } from './content';
import { DiscountForm } from './form';
import { DiscountBlock } from './report-block';

export const discountKind: WebKind = {
  name: 'discount',
  icon: (s = 24) => <IconDiscount2 size={s} aria-hidden />,
  color: 'green',
  dimensions: ['economic'],
  content: { defaults: discountDefaults, clean: cleanDiscount, dateFields: ['validFrom', 'validUntil'] },
  Form: DiscountForm,
  ReportBlock: ({ campaign, report }) =>
    report ? (
      <DiscountBlock r={report as DiscountReport} currency={(campaign.content.currency as string) || 'EUR'} />
    ) : null,
  headline: (h, t) => ({
    label: t('dashboard.headlines.redemptions'),
    hint: h.trialStarts
      ? t('dashboard.headlines.trialToPaid', {
          rate: fmtRate(h.trialToPaidRate),
          benchmark: fmtRate(h.trialToPaidBenchmark, 0),
        })
      : undefined,
  }),
};
