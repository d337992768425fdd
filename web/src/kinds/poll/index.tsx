import { IconMessageQuestion } from '@tabler/icons-react';
import type { PollReport } from '../../api/types';
import { fmtNumber, fmtRate } from '../../lib/format';
import type { WebKind } from '../types';
import { cleanPoll, loadPoll, pollDefaults } from './content';
import { PollForm } from './form';
import { PollBlock } from './report-block';

export const pollKind: WebKind = {
  name: 'poll',
  icon: (s = 24) => <IconMessageQuestion size={s} aria-hidden />,
  color: 'grape',
  dimensions: ['emotional'],
  content: { defaults: pollDefaults, clean: cleanPoll, dateFields: ['closesAt'], load: loadPoll },
  Form: PollForm,
  ReportBlock: ({ report }) => (report ? <PollBlock r={report as PollReport} /> : null),
  headline: (h, t) => ({
    label:
      h.pollType === 'nps' || h.pollType === 'csat'
        ? t(`dashboard.headlines.${h.pollType}`)
        : t('dashboard.headlines.answers'),
    value: h.pollType === 'csat' ? fmtNumber(h.csatAverage, 1) : undefined,
    hint:
      h.answers !== undefined
        ? t('dashboard.headlines.answered', {
            count: h.answers,
            answers: fmtNumber(h.answers),
            rate: fmtRate(h.responseRate),
          })
        : undefined,
  }),
};
