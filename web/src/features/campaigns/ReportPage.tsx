import { BarChart } from '@mantine/charts';
import { Badge, Box, Button, Grid, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload, IconPlayerPlay } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { campaignsApi } from '../../api/endpoints';
import type { Campaign, CampaignReport } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { StatCard } from '../../components/StatCard';
import { CampaignStatusBadge } from '../../components/StatusBadge';
import { Empty, ErrorState, Loading } from '../../components/States';
import { fmtDateTime, fmtMoney, fmtNumber, fmtRate } from '../../lib/format';
import { webKind } from '../../kinds/registry';
import { DIMENSION_COLORS } from './dimension-colors';
import { FunnelBars } from './report/FunnelBars';
import { KindBlock } from './report/KindBlock';
import { readableTags } from '../../lib/readable-tags';

export default function ReportPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const campaign = useQuery({ queryKey: ['campaign', id], queryFn: () => campaignsApi.get(id) });
  const report = useQuery({
    queryKey: ['campaign-report', id],
    queryFn: () => campaignsApi.report(id),
    retry: false,
    refetchInterval: 15_000,
  });
  if (campaign.isLoading) return <Loading />;
  if (campaign.error) return <ErrorState error={campaign.error} />;
  const c = campaign.data!;
  const live = c.status === 'running' || c.status === 'paused' || c.status === 'scheduled';
  return (
    <>
      <PageHeader
        title={c.name}
        crumbs={[{ label: t('nav.campaigns'), to: '/campaigns' }, { label: c.name }]}
        badge={
          <Group gap="xs">
            <Badge color={webKind(c.kind).color} variant="light" leftSection={webKind(c.kind).icon(14)}>
              {t(`kinds.${c.kind}.name`)}
            </Badge>
            <CampaignStatusBadge status={c.status} />
          </Group>
        }
        description={`${readableTags(c.subject, t)} · ${t('report.sentAt', { when: fmtDateTime(c.startedAt) })}`}
        actions={
          <>
            {live && (
              <Button
                component={Link}
                to={`/campaigns/${id}/sending`}
                variant="default"
                leftSection={<IconPlayerPlay size={16} />}
              >
                {t('report.liveView')}
              </Button>
            )}
            <Button
              component="a"
              href={campaignsApi.reportCsvUrl(id)}
              download
              variant="default"
              leftSection={<IconDownload size={16} />}
            >
              {t('report.csv')}
            </Button>
            <Button
              component="a"
              href={campaignsApi.recipientsCsvUrl(id)}
              download
              variant="default"
              leftSection={<IconDownload size={16} />}
            >
              {t('report.recipientsCsv')}
            </Button>
          </>
        }
      />
      <Stack gap="lg">
        {report.isLoading && <Loading />}
        {report.error && <ErrorState error={report.error} />}
        {report.data && <Overview campaign={c} report={report.data} />}
        <KindBlock campaign={c} />
      </Stack>
    </>
  );
}

function Overview({ campaign: c, report: r }: { campaign: Campaign; report: CampaignReport }) {
  const { t } = useTranslation();
  const f = r.funnel;
  const step = (key: string) => f.steps.find((s) => s.key === key);
  const delivered = step('delivered')?.count ?? 0;
  const funnelSteps = f.steps.filter((s) => s.key !== 'recipients' && s.key !== 'sent');
  const label = (key: string) =>
    key === 'acted' ? t('report.funnel.acted', { action: t(`kinds.${c.kind}.action`) }) : t(`report.funnel.${key}`);
  const hourly = r.timeline.points.map((h) => ({
    hour: fmtHour(h.hour),
    opens: h.humanOpens,
    machineOpens: h.machineOpens,
    clicks: h.humanClicks,
  }));
  const value = r.value.dimensions.map((d) => ({
    dimension: t(`dimensions.${d.dimension}`),
    value: Math.round(d.total * 10) / 10,
    color: DIMENSION_COLORS[d.dimension],
  }));
  const d = r.deliverability;
  return (
    <>
      <SimpleGrid cols={{ base: 2, md: 3, xl: 6 }}>
        <StatCard
          label={t('report.funnel.delivered')}
          value={fmtNumber(delivered)}
          hint={t('report.ofSent', { sent: fmtNumber(step('sent')?.count) })}
        />
        <StatCard
          label={t('report.openRate')}
          value={<span data-testid="open-rate">{fmtRate(f.opened.human.rate)}</span>}
          hint={t('report.machineOpens', { count: f.opened.machineOnly.count })}
        />
        <StatCard
          label={t('report.clickRate')}
          value={fmtRate(f.clicked.human.rate)}
          hint={t('report.clicksCount', { count: f.clicked.humanClicks })}
        />
        <StatCard
          label={t('report.actRate', { action: t(`kinds.${c.kind}.action`) })}
          value={<span data-testid="acted-rate">{fmtRate(f.acted.rate)}</span>}
          hint={fmtNumber(f.acted.count)}
        />
        <StatCard
          label={t('report.bounces')}
          value={fmtNumber(d.hardBounces.count + d.softBounces.count)}
          hint={t('report.bounceSplit', { hard: d.hardBounces.count, soft: d.softBounces.count })}
          color={d.hardBounces.rate > 0.02 ? 'red.8' : undefined}
        />
        <StatCard
          label={t('report.unsubscribes')}
          value={fmtNumber(d.unsubscribes.count)}
          hint={t('report.complaints', { count: d.complaints.count })}
        />
      </SimpleGrid>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <Paper withBorder p="md">
              <Title order={2} size="h4" mb="sm">
                {t('report.funnelTitle')}
              </Title>
              {delivered > 0 ? (
                <Stack gap="md">
                  <FunnelBars
                    aria-label={t('report.funnelTitle')}
                    steps={funnelSteps.map((s) => ({
                      key: s.key,
                      label: label(s.key),
                      count: s.count,
                      rate: s.rate,
                      extra:
                        s.key === 'opened'
                          ? { count: f.opened.machineOnly.count, label: t('report.funnel.openedMachine') }
                          : undefined,
                    }))}
                  />
                  <Group gap="lg">
                    <Group gap={6}>
                      <Box w={12} h={12} bg="indigo.6" style={{ borderRadius: 2 }} />
                      <Text size="xs">{t('report.funnel.people')}</Text>
                    </Group>
                    <Group gap={6}>
                      <Box w={12} h={12} bg="gray.4" style={{ borderRadius: 2 }} />
                      <Text size="xs">
                        {t('report.funnel.openedMachine')}: {fmtNumber(f.opened.machineOnly.count)}
                      </Text>
                    </Group>
                    {f.opened.inferred > 0 && (
                      <Text size="xs" data-testid="funnel-inferred">
                        {t('report.funnel.inferred', { count: f.opened.inferred })}
                      </Text>
                    )}
                  </Group>
                </Stack>
              ) : (
                <Empty title={t('report.nothingDelivered')} />
              )}
            </Paper>
            <Paper withBorder p="md">
              <Title order={2} size="h4" mb={4}>
                {t('report.valueDelivered')}
              </Title>
              <Text size="xs" c="dimmed" mb="sm">
                {t('report.valueHint', { perRecipient: fmtNumber(r.value.perDeliveredRecipient, 2) })}
              </Text>
              <BarChart
                h={180}
                data={value}
                dataKey="dimension"
                series={[{ name: 'value', label: t('report.valuePoints') }]}
                role="img"
                aria-label={t('report.valueDelivered')}
                data-testid="value-delivered"
              />
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Paper withBorder p="md">
              <Title order={2} size="h4" mb="sm">
                {t('report.overTime')}
              </Title>
              {hourly.length ? (
                <BarChart
                  h={260}
                  data={hourly}
                  yAxisProps={{ allowDecimals: false }}
                  dataKey="hour"
                  series={[
                    { name: 'opens', label: t('report.opens'), color: 'indigo.5' },
                    { name: 'clicks', label: t('report.clicks'), color: 'grape.5' },
                    { name: 'machineOpens', label: t('report.machineOpensSeries'), color: 'gray.4' },
                  ]}
                  withLegend
                  maxBarWidth={28}
                  aria-label={t('report.overTime')}
                />
              ) : (
                <Empty title={t('report.noActivity')} />
              )}
            </Paper>
            <Paper withBorder p="md">
              <Title order={2} size="h4" mb="xs">
                {t('report.deliverability')}
              </Title>
              <Table verticalSpacing={4}>
                <Table.Tbody>
                  {(['failed', 'suppressed', 'hardBounces', 'softBounces', 'complaints', 'unsubscribes'] as const).map(
                    (k) => (
                      <Table.Tr key={k}>
                        <Table.Td>{t(`report.deliverabilityRows.${k}`)}</Table.Td>
                        <Table.Td ta="right">{fmtNumber(d[k].count)}</Table.Td>
                        <Table.Td ta="right" c="dimmed" w={80}>
                          {fmtRate(d[k].rate, 2)}
                        </Table.Td>
                      </Table.Tr>
                    ),
                  )}
                </Table.Tbody>
              </Table>
            </Paper>
            {r.revenue.byCurrency.length > 0 && (
              <Paper withBorder p="md">
                <Title order={2} size="h4" mb="xs">
                  {t('report.revenue')}
                </Title>
                <Table>
                  <Table.Tbody>
                    {r.revenue.byCurrency.map((x) => (
                      <Table.Tr key={x.currency ?? '-'}>
                        <Table.Td>
                          {t('report.revenueLine', { conversions: x.conversions, purchases: x.purchases })}
                        </Table.Td>
                        <Table.Td ta="right" fw={700}>
                          {x.currency ? fmtMoney(x.total, x.currency) : fmtNumber(x.total, 2)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Paper>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function fmtHour(iso: string): string {
  const d = new Date(iso);
  return `${d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} ${String(d.getHours()).padStart(2, '0')}:00`;
}
