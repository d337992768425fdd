import { IconBook2 } from '@tabler/icons-react';
import type { KnowledgeReport } from '../../api/types';
import { fmtNumber } from '../../lib/format';
import type { WebKind } from '../types';
import { cleanKnowledge, knowledgeDefaults } from './content';
import { KnowledgeForm } from './form';
import { KnowledgeBlock } from './report-block';

export const knowledgeKind: WebKind = {
  name: 'knowledge',
  icon: (s = 24) => <IconBook2 size={s} aria-hidden />,
  color: 'blue',
  dimensions: ['functional'],
  content: { defaults: knowledgeDefaults, clean: cleanKnowledge },
  Form: KnowledgeForm,
  ReportBlock: ({ report }) => (report ? <KnowledgeBlock r={report as KnowledgeReport} /> : null),
  headline: (h, t) => ({
    label: t('dashboard.headlines.topTopic'),
    hint: h.topTopic
      ? t('dashboard.headlines.clicks', { count: h.topTopicClicks ?? 0, clicks: fmtNumber(h.topTopicClicks) })
      : undefined,
  }),
};
