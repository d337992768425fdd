import { BarChart, GaugeChart } from '@mantine/charts';
import { Badge, Grid, Group, Paper, Progress, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { campaignsApi, serviceRequestsApi } from '../../../api/endpoints';
import type { Campaign, DiscountReport, GiftReport, KnowledgeReport, LoyaltyReport, PollReport, ServiceReport, ServiceRequestStatus } from '../../../api/types';
import { useCan } from '../../../auth/AuthProvider';
import { notifyError } from '../../../components/notify';
import { StatCard } from '../../../components/StatCard';
import { SubscriberLink } from '../../../components/SubscriberLink';
import { Empty, ErrorState, Loading } from '../../../components/States';
import { fmtDateTime, fmtMoney, fmtNumber, fmtRate } from '../../../lib/format';
import { ContestBlock } from './ContestBlock';
import { npsBand } from './nps';

/** The kind's own results (GET /api/campaigns/:id/report/<kind>). */
export function KindBlock({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const report = useQuery({ queryKey: ['kind-report', campaign.id], queryFn: () => campaignsApi.kindReport(campaign.id, campaign.kind), refetchInterval: 15_000 });
  return (
    <Paper withBorder p="md" data-testid="kind-block">
      <Title order={2} size="h4" mb="md">
        {t(`report.kindTitle.${campaign.kind}`)}
      </Title>
      {report.isLoading && <Loading />}
      {report.error && <ErrorState error={report.error} />}
      {report.data && campaign.kind === 'poll' && <PollBlock r={report.data as PollReport} />}
      {report.data && campaign.kind === 'discount' && <DiscountBlock r={report.data as DiscountReport} currency={(campaign.content.currency as string) || 'EUR'} />}
      {report.data && campaign.kind === 'loyalty' && <LoyaltyBlock r={report.data as LoyaltyReport} />}
      {report.data && campaign.kind === 'gift' && <GiftBlock r={report.data as GiftReport} />}
      {report.data && campaign.kind === 'knowledge' && <KnowledgeBlock r={report.data as KnowledgeReport} />}
      {report.data && campaign.kind === 'service' && <ServiceBlock r={report.data as ServiceReport} campaignId={campaign.id} />}
      {campaign.kind === 'contest' && <ContestBlock campaign={campaign} report={report.data as never} />}
    </Paper>
  );
}

function PollBlock({ r }: { r: PollReport }) {
  const { t } = useTranslation();
  const npsColors = (value: string) => {
    const n = Number(value);
    return n <= 6 ? 'red.6' : n <= 8 ? 'yellow.5' : 'teal.6';
  };
  const data = r.distribution.map((d) => ({ answer: d.label, count: d.count, color: r.type === 'nps' ? npsColors(d.value) : 'grape.5' }));
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Stack align="center" gap="xs">
          {r.nps ? (
            <>
              <GaugeChart
                value={r.nps.score}
                min={-100}
                max={100}
                size={220}
                thickness={18}
                sections={[
                  { value: 0, color: 'red.5' },
                  { value: 30, color: 'yellow.5' },
                  { value: 70, color: 'teal.5' },
                  { value: 100, color: 'teal.7' },
                ]}
                target={r.nps.score}
                label={
                  <Stack gap={0} align="center">
                    <Text fz={34} fw={700} data-testid="nps-score">
                      {fmtNumber(r.nps.score, 1)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      NPS · {t(`report.npsBand.${npsBand(r.nps.score)}`)}
                    </Text>
                  </Stack>
                }
                aria-label={t('report.npsGauge', { score: r.nps.score })}
              />
              <Group gap="xs">
                <Badge color="teal" variant="light">{t('report.promoters', { count: r.nps.promoters })}</Badge>
                <Badge color="yellow" variant="light">{t('report.passives', { count: r.nps.passives })}</Badge>
                <Badge color="red" variant="light">{t('report.detractors', { count: r.nps.detractors })}</Badge>
              </Group>
            </>
          ) : r.csatAverage !== null ? (
            <StatCard label="CSAT" value={`${fmtNumber(r.csatAverage, 2)} / 5`} />
          ) : null}
          <Text size="sm">
            {t('report.responses', { count: r.answers, answers: fmtNumber(r.answers), sent: fmtNumber(r.sent), rate: fmtRate(r.responseRate) })}
          </Text>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Text fw={600} mb="xs">
          {r.question}
        </Text>
        <BarChart h={220} data={data} dataKey="answer" yAxisProps={{ allowDecimals: false }} series={[{ name: 'count', label: t('report.answers') }]} aria-label={t('report.distribution')} data-testid="poll-distribution" />
      </Grid.Col>
      <Grid.Col span={12}>
        <Title order={3} size="h5" mb="xs">
          {t('report.comments', { count: r.comments.length })}
        </Title>
        {r.comments.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('report.noComments')}
          </Text>
        ) : (
          <Stack gap="xs">
            {r.comments.slice(0, 50).map((c, i) => (
              <Paper key={i} p="xs" bg="gray.0">
                <Group gap="xs" align="flex-start" wrap="nowrap">
                  <Badge variant="light" color={r.type === 'nps' ? npsColors(c.value).split('.')[0] : 'grape'}>
                    {c.value}
                  </Badge>
                  <Stack gap={0}>
                    <Text size="sm">{c.comment}</Text>
                    <Text size="xs" c="dimmed">
                      {fmtDateTime(c.answeredAt)}
                    </Text>
                  </Stack>
                </Group>
              </Paper>
            ))}
          </Stack>
        )}
      </Grid.Col>
    </Grid>
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
        <StatCard label={t('report.discount.redemptions')} value={fmtNumber(r.redemptions)} hint={fmtRate(r.redemptionRate)} />
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
          <Progress value={trialShare} color={trialShare >= benchmark ? 'teal' : 'orange'} size="lg" aria-label={t('report.discount.thisCampaign')} />
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
      <StatCard label={t('report.loyalty.bonusCredited')} value={fmtNumber(r.bonusCredited)} hint={t('report.loyalty.ofSent', { sent: fmtNumber(r.sent) })} />
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
      <StatCard label={t('report.gift.stock')} value={r.stock === null ? t('report.gift.unlimited') : fmtNumber(r.stock)} />
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
          <BarChart h={Math.max(140, r.topics.length * 40)} data={r.topics} dataKey="topic" orientation="vertical" yAxisProps={{ width: 100 }} xAxisProps={{ allowDecimals: false }} series={[{ name: 'clicks', label: t('report.clicks'), color: 'blue.6' }]} aria-label={t('report.knowledge.byTopic')} />
        ) : (
          <Empty title={t('report.noActivity')} />
        )}
      </Grid.Col>
    </Grid>
  );
}

const REQUEST_STATUSES: ServiceRequestStatus[] = ['new', 'in_progress', 'done'];

function ServiceBlock({ r, campaignId }: { r: ServiceReport; campaignId: number }) {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const requests = useQuery({ queryKey: ['service-requests', campaignId], queryFn: () => serviceRequestsApi.list({ campaignId }) });
  const change = useMutation({
    mutationFn: ({ id, status }: { id: number; status: ServiceRequestStatus }) => serviceRequestsApi.setStatus(id, status),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['service-requests', campaignId] });
      void client.invalidateQueries({ queryKey: ['kind-report', campaignId] });
    },
    onError: (e) => notifyError(e),
  });
  const data = r.offers.map((o) => ({ offer: o.title, new: o.new, in_progress: o.inProgress, done: o.done }));
  return (
    <Stack>
      <BarChart
        h={Math.max(140, data.length * 50)}
        data={data}
        dataKey="offer"
        orientation="vertical"
        type="stacked"
        yAxisProps={{ width: 160 }}
        withLegend
        series={REQUEST_STATUSES.map((s, i) => ({ name: s, label: t(`requestStatus.${s}`), color: ['orange.5', 'blue.5', 'teal.6'][i] }))}
        aria-label={t('report.service.perOffer')}
      />
      <Title order={3} size="h5">
        {t('report.service.requests', { count: r.requests })}
      </Title>
      {requests.data?.length === 0 && <Text c="dimmed" size="sm">{t('report.noActivity')}</Text>}
      {!!requests.data?.length && (
        <Table.ScrollContainer minWidth={600}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('profile.when')}</Table.Th>
                <Table.Th>{t('report.service.offer')}</Table.Th>
                <Table.Th>{t('report.service.subscriber')}</Table.Th>
                <Table.Th>{t('report.service.note')}</Table.Th>
                <Table.Th>{t('report.service.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {requests.data.map((q) => (
                <Table.Tr key={q.id}>
                  <Table.Td>{fmtDateTime(q.createdAt)}</Table.Td>
                  <Table.Td>{q.offerTitle}</Table.Td>
                  <Table.Td>
                    <SubscriberLink id={q.subscriberId} />
                  </Table.Td>
                  <Table.Td>{q.note ?? '–'}</Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('report.service.statusFor', { id: q.id })}
                      size="xs"
                      w={150}
                      data={REQUEST_STATUSES.map((s) => ({ value: s, label: t(`requestStatus.${s}`) }))}
                      value={q.status}
                      onChange={(v) => v && v !== q.status && change.mutate({ id: q.id, status: v as ServiceRequestStatus })}
                      allowDeselect={false}
                      disabled={!can.write}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
