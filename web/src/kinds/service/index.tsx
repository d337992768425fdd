import { IconHeartHandshake } from '@tabler/icons-react';
import type { ServiceReport } from '../../api/types';
import type { WebKind } from '../types';
import { cleanService, serviceDefaults } from './content';
import { ServiceForm } from './form';
import { ServiceBlock } from './report-block';

export const serviceKind: WebKind = {
  name: 'service',
  icon: (s = 24) => <IconHeartHandshake size={s} aria-hidden />,
  color: 'cyan',
  dimensions: ['functional', 'emotional'],
  content: { defaults: serviceDefaults, clean: cleanService },
  Form: ServiceForm,
  ReportBlock: ({ campaign, report }) =>
    report ? <ServiceBlock r={report as ServiceReport} campaignId={campaign.id} /> : null,
  headline: (_h, t) => ({ label: t('dashboard.headlines.requests') }),
};
