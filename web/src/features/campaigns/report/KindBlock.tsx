import { BarChart } from '@mantine/charts';
import { Badge, Grid, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { campaignsApi } from '../../../api/endpoints';
import type {
  Campaign,
  CampaignKind,
  DiscountReport,
  GiftReport,
  KnowledgeReport,
  LoyaltyReport,
  PollReport,
  ServiceReport,
} from '../../../api/types';
import { StatCard } from '../../../components/StatCard';
import { Empty, ErrorState, Loading } from '../../../components/States';
import { fmtMoney, fmtNumber, fmtRate } from '../../../lib/format';
import { ContestBlock } from './ContestBlock';
import { PollBlock } from './PollBlock';
import { ServiceBlock } from './ServiceBlock';

/** The kind's own results (GET /api/campaigns/:id/report/<kind>). */
export function KindBlock({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const report = useQuery({
    queryKey: ['kind-report', campaign.id],
    queryFn: () => campaignsApi.kindReport(campaign.id, campaign.kind as CampaignKind),
    refetchInterval: 15_000,
  });
  return (
    <Paper withBorder p="md" data-testid="kind-block">
      <Title order={2} size="h4" mb="md">
        {t(`report.kindTitle.${campaign.kind}`)}
      </Title>
      {report.isLoading && <Loading />}
      {report.error && <ErrorState error={report.error} />}
      {report.data && campaign.kind === 'poll' && <PollBlock r={report.data as PollReport} />}
      {report.data && campaign.kind === 'discount' && (
        <DiscountBlock r={report.data as DiscountReport} currency={(campaign.content.currency as string) || 'EUR'} />
      )}
      {report.data && campaign.kind === 'loyalty' && <LoyaltyBlock r={report.data as LoyaltyReport} />}
      {report.data && campaign.kind === 'gift' && <GiftBlock r={report.data as GiftReport} />}
      {report.data && campaign.kind === 'knowledge' && <KnowledgeBlock r={report.data as KnowledgeReport} />}
      {report.data && campaign.kind === 'service' && (
        <ServiceBlock r={report.data as ServiceReport} campaignId={campaign.id} />
      )}
      {campaign.kind === 'contest' && <ContestBlock campaign={campaign} report={report.data as never} />}
    </Paper>
  );
}

function DiscountBlock({ r, currency }: { r: DiscountReport; currency: string }) {
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

function LoyaltyBlock({ r }: { r: LoyaltyReport }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }}>
      <StatCard
        label={t('report.loyalty.bonusCredited')}
        value={fmtNumber(r.bonusCredited)}
        hint={t('report.loyalty.ofSent', { sent: fmtNumber(r.sent) })}
      />
      <StatCard label={t('report.loyalty.pointsIssued')} value={fmtNumber(r.pointsIssued)} />
      <StatCard label={t('report.loyalty.redemptionsAfter')} value={fmtNumber(r.redemptionsAfter)} />
      <StatCard label={t('report.loyalty.pointsRedeemed')} value={fmtNumber(r.pointsRedeemedAfter)} />
    </SimpleGrid>
  );
}

function GiftBlock({ r }: { r: GiftReport }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }}>
      <StatCard label={t('report.gift.claims')} value={fmtNumber(r.claims)} />
      <StatCard label={t('report.gift.claimRate')} value={fmtRate(r.claimRate)} />
      <StatCard
        label={t('report.gift.stock')}
        value={r.stock === null ? t('report.gift.unlimited') : fmtNumber(r.stock)}
      />
      <StatCard label={t('report.gift.stockLeft')} value={r.stockLeft === null ? '–' : fmtNumber(r.stockLeft)} />
    </SimpleGrid>
  );
}

function KnowledgeBlock({ r }: { r: KnowledgeReport }) {
  const { t } = useTranslation();
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('report.knowledge.item')}</Table.Th>
              <Table.Th>{t('report.knowledge.topic')}</Table.Th>
              <Table.Th ta="right">{t('report.clicks')}</Table.Th>
              <Table.Th ta="right">{t('report.knowledge.people')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.items.map((i) => (
              <Table.Tr key={i.index}>
                <Table.Td>{i.title}</Table.Td>
                <Table.Td>
                  <Badge variant="outline" size="sm">
                    {i.topic}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">{fmtNumber(i.clicks)}</Table.Td>
                <Table.Td ta="right">{fmtNumber(i.uniqueClickers)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Text fw={600} mb="xs">
          {t('report.knowledge.byTopic')}
        </Text>
        {r.topics.length ? (
          <BarChart
            h={Math.max(140, r.topics.length * 40)}
            data={r.topics}
            dataKey="topic"
            orientation="vertical"
            yAxisProps={{ width: 100 }}
            xAxisProps={{ allowDecimals: false }}
            series={[{ name: 'clicks', label: t('report.clicks'), color: 'blue.6' }]}
            role="img"
            aria-label={t('report.knowledge.byTopic')}
          />
        ) : (
          <Empty title={t('report.noActivity')} />
        )}
      </Grid.Col>
    </Grid>
  );
}
