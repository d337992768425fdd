import { SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Campaign, ContestReport } from '../../api/types';
import { StatCard } from '../../components/StatCard';
import { fmtDateTime, fmtNumber } from '../../lib/format';
import { ContestEntrantsTable, ContestReferralsTable } from './ContestPeople';
import { DrawPanel } from './DrawPanel';

export function ContestBlock({ campaign, report }: { campaign: Campaign; report?: ContestReport }) {
  const { t } = useTranslation();
  return (
    <Stack>
      {report && (
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          <StatCard
            label={t('report.contest.entries')}
            value={<span data-testid="contest-entries">{fmtNumber(report.entries)}</span>}
            hint={t('report.contest.ofSent', { sent: fmtNumber(report.sent) })}
          />
          <StatCard label={t('report.contest.bonusEntries')} value={fmtNumber(report.bonusEntries)} />
          <StatCard
            label={t('report.contest.referrals')}
            value={fmtNumber(report.referralsCredited)}
            hint={t('report.contest.pending', { count: report.referralsPending })}
          />
          <StatCard
            label={t('report.contest.winners')}
            value={fmtNumber(report.winners.filter((w) => w.status === 'won').length)}
            hint={t('report.contest.ends', { when: fmtDateTime(campaign.content.endsAt as string) })}
          />
        </SimpleGrid>
      )}
      <DrawPanel campaign={campaign} />
      <ContestEntrantsTable campaignId={campaign.id} />
      <ContestReferralsTable campaignId={campaign.id} />
    </Stack>
  );
}
