import { AreaChart, BarChart, LineChart, RadarChart } from '@mantine/charts';
import { Anchor, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AudienceReport, ReportSubscriber } from '../../api/types';
import { VALUE_DIMENSIONS } from '../../api/types';
import { Empty } from '../../components/States';
import { fmtDate, fmtMoney, fmtNumber } from '../../lib/format';

/** A list's or segment's value report: size and NPS over time, average value, LTV quantiles, engagement, top and at-risk people. */
export function AudienceCharts({ report, compact }: { report: AudienceReport; compact?: boolean }) {
  const { t } = useTranslation();
  const sizes = report.size.points.map((p) => ({ date: fmtDate(p.start), size: p.size }));
  const nps = report.nps.months.map((m) => ({ month: m.month, nps: m.nps, answers: m.answers }));
  const radar = VALUE_DIMENSIONS.map((d) => ({
    dimension: t(`dimensions.${d}`),
    value: Math.round(report.averageValue?.[d] ?? 0),
  }));
  const engagement = report.engagementDistribution.map((b) => ({ band: `${b.from}–${b.to}`, count: b.count }));
  const l = report.ltv;
  return (
    <SimpleGrid cols={{ base: 1, md: 2, lg: compact ? 3 : 2 }}>
      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="sm">
          {t('reports.sizeOverTime')}
        </Title>
        {/* A line needs a few points; a young list's first days read better as bars. */}
        {sizes.length >= 3 ? (
          <AreaChart
            h={220}
            data={sizes}
            dataKey="date"
            yAxisProps={{ allowDecimals: false }}
            series={[{ name: 'size', label: t('reports.subscribers'), color: 'indigo.6' }]}
            curveType="monotone"
            withDots={false}
            role="img"
            aria-label={t('reports.sizeOverTime')}
          />
        ) : sizes.length ? (
          <BarChart
            h={220}
            data={sizes}
            dataKey="date"
            yAxisProps={{ allowDecimals: false }}
            series={[{ name: 'size', label: t('reports.subscribers'), color: 'indigo.6' }]}
            maxBarWidth={48}
            role="img"
            aria-label={t('reports.sizeOverTime')}
          />
        ) : (
          <Empty title={t('reports.noData')} />
        )}
      </Paper>
      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="sm">
          {t('reports.npsOverTime')}
        </Title>
        {nps.length >= 3 ? (
          <LineChart
            h={220}
            data={nps}
            dataKey="month"
            series={[{ name: 'nps', label: 'NPS', color: 'grape.6' }]}
            yAxisProps={{ domain: [-100, 100] }}
            referenceLines={[{ y: 0, color: 'gray.5' }]}
            curveType="monotone"
            role="img"
            aria-label={t('reports.npsOverTime')}
          />
        ) : nps.length ? (
          <BarChart
            h={220}
            data={nps}
            dataKey="month"
            series={[{ name: 'nps', label: 'NPS', color: 'grape.6' }]}
            yAxisProps={{ domain: [-100, 100] }}
            referenceLines={[{ y: 0, color: 'gray.5' }]}
            maxBarWidth={48}
            role="img"
            aria-label={t('reports.npsOverTime')}
          />
        ) : (
          <Empty title={t('reports.noNps')} />
        )}
      </Paper>
      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="sm">
          {t('reports.averageValue')}
        </Title>
        <RadarChart
          h={240}
          data={radar}
          dataKey="dimension"
          series={[{ name: 'value', label: t('reports.average'), color: 'indigo.5', opacity: 0.35 }]}
          withPolarRadiusAxis
          polarRadiusAxisProps={{ domain: [0, 100], tick: false, axisLine: false }}
          radarChartProps={{ outerRadius: '62%' }}
          role="img"
          aria-label={t('reports.averageValue')}
        />
        <Text size="xs" c="dimmed" ta="center">
          {t('reports.engagementAverage', { value: fmtNumber(report.averageValue?.engagement, 1) })}
        </Text>
      </Paper>
      {!compact && (
        <>
          <Paper withBorder p="md">
            <Title order={3} size="h5" mb="sm">
              {t('reports.engagementDistribution')}
            </Title>
            <BarChart
              h={220}
              data={engagement}
              dataKey="band"
              yAxisProps={{ allowDecimals: false }}
              series={[{ name: 'count', label: t('reports.subscribers'), color: 'teal.6' }]}
              role="img"
              aria-label={t('reports.engagementDistribution')}
            />
          </Paper>
          <Paper withBorder p="md">
            <Title order={3} size="h5" mb="xs">
              {t('reports.ltvQuantiles')}
            </Title>
            <Text size="xs" c="dimmed" mb="xs">
              {t('reports.ltvCustomers', { customers: fmtNumber(l.customers), members: fmtNumber(report.members) })}
            </Text>
            <Table>
              <Table.Tbody>
                {(['p10', 'p25', 'p50', 'p75', 'p90', 'mean'] as const).map((k) => (
                  <Table.Tr key={k}>
                    <Table.Td>{t(`reports.quantiles.${k}`)}</Table.Td>
                    <Table.Td ta="right">{fmtMoney(l[k], l.currency)}</Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Td>{t('reports.quantiles.total')}</Table.Td>
                  <Table.Td ta="right" fw={700}>
                    {fmtMoney(l.total, l.currency)}
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Paper>
          <Paper withBorder p="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <PeopleList title={t('reports.top')} people={report.top} />
              <PeopleList
                title={t('reports.atRisk', { count: report.atRisk.total })}
                people={report.atRisk.subscribers}
              />
            </SimpleGrid>
          </Paper>
          {report.unsubscribeFeedback && <LeavingReasons feedback={report.unsubscribeFeedback} />}
        </>
      )}
    </SimpleGrid>
  );
}

function PeopleList({ title, people }: { title: string; people: ReportSubscriber[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Title order={3} size="h5">
        {title}
      </Title>
      {people.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('reports.noData')}
        </Text>
      )}
      {people.slice(0, 8).map((p) => (
        <Stack key={p.subscriberId} gap={0}>
          <Text size="sm" truncate>
            <Anchor component={Link} to={`/audience/subscribers/${p.subscriberId}`} size="sm">
              {p.name || p.email || `#${p.subscriberId}`}
            </Anchor>{' '}
            · {fmtNumber(p.totalValue)}
          </Text>
          {p.reasons?.length ? (
            <Text size="xs" c="dimmed" lineClamp={1}>
              {p.reasons.map((r) => r.message).join('; ')}
            </Text>
          ) : null}
        </Stack>
      ))}
    </Stack>
  );
}

function LeavingReasons({ feedback }: { feedback: NonNullable<AudienceReport['unsubscribeFeedback']> }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb="xs">
        {t('reports.leaving.title')}
      </Title>
      {feedback.total === 0 ? (
        <Text size="sm" c="dimmed">
          {t('reports.leaving.none')}
        </Text>
      ) : (
        <Table>
          <Table.Tbody>
            {feedback.byReason.map((r) => (
              <Table.Tr key={r.reason}>
                <Table.Td>{t(`reports.leaving.reason.${r.reason}`)}</Table.Td>
                <Table.Td ta="right">{fmtNumber(r.count)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {feedback.notes.map((n, i) => (
        <Text key={i} size="sm" mt="xs">
          “{n.note}”{' '}
          <Text span size="xs" c="dimmed">
            — {t(`reports.leaving.reason.${n.reason}`)}
          </Text>
        </Text>
      ))}
    </Paper>
  );
}
