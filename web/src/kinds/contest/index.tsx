import { IconTrophy } from '@tabler/icons-react';
import type { ContestReport } from '../../api/types';
import type { WebKind } from '../types';
import { cleanContest, contestDefaults, loadContest } from './content';
import { ContestForm } from './form';
import { ContestBlock } from './report-block';

export const contestKind: WebKind = {
  name: 'contest',
  icon: (s = 24) => <IconTrophy size={s} aria-hidden />,
  color: 'orange',
  dimensions: ['emotional', 'symbolic'],
  content: { defaults: contestDefaults, clean: cleanContest, dateFields: ['startsAt', 'endsAt'], load: loadContest },
  Form: ContestForm,
  // The draw panel and the people show while the figures load.
  ReportBlock: ({ campaign, report }) => (
    <ContestBlock campaign={campaign} report={report as ContestReport | undefined} />
  ),
  headline: (_h, t) => ({ label: t('dashboard.headlines.entries') }),
};
