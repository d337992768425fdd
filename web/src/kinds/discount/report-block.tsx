import { Group, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DiscountReport } from '../../api/types';
import { StatCard } from '../../components/StatCard';
import { fmtMoney, fmtNumber, fmtRate } from '../../lib/format';

export function DiscountBlock({ r, currency }: { r: DiscountReport; currency: string }) {
  const { t } = useTranslation();
  const trialShare = Math.min(100, r.trialToPaidRate * 100);
  const benchmark = r.trialToPaidBenchmark * 100;
  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <StatCard label={t('report.discount.codesIssued')} value={fmtNumber(r.codesIssued)} />
        <StatCard
          label={t('report.discount.redemptions')}
          value={fmtNumber(r.redemptions)}
          hint={fmtRate(r.redemptionRate)}
        />
        <StatCard label={t('report.discount.revenue')} value={fmtMoney(r.revenue, currency)} />
        <StatCard label={t('report.discount.rolledBack')} value={fmtNumber(r.rolledBack)} />
      </SimpleGrid>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <Text fw={600}>{t('report.discount.trialToPaid')}</Text>
          <Text size="sm">{t('report.discount.trials', { starts: r.trialStarts, conversions: r.conversions })}</Text>
        </Group>
        <Stack gap={4}>
          <Group justify="space-between">
            <Text size="sm">{t('report.discount.thisCampaign')}</Text>
            <Text size="sm" fw={700}>
              {fmtRate(r.trialToPaidRate)}
            </Text>
          </Group>
          <Progress
            value={trialShare}
            color={trialShare >= benchmark ? 'teal' : 'orange'}
            size="lg"
            aria-label={t('report.discount.thisCampaign')}
          />
          <Group justify="space-between">
            <Text size="sm">{t('report.discount.benchmark')}</Text>
            <Text size="sm" fw={700}>
              {fmtRate(r.trialToPaidBenchmark)}
            </Text>
          </Group>
          <Progress value={benchmark} color="gray" size="lg" aria-label={t('report.discount.benchmark')} />
          <Text size="xs" c="dimmed">
            {t('report.discount.benchmarkSource')}
          </Text>
        </Stack>
      </Paper>
    </Stack>
  );
}
