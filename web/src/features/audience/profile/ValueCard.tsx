import { RadarChart } from '@mantine/charts';
import {
  Badge,
  Code,
  Grid,
  Group,
  Paper,
  RingProgress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconStar } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { SCORE_NAMES, VALUE_DIMENSIONS, type Subscriber, type ValueExplanation } from '../../../api/types';
import { ErrorState, Loading } from '../../../components/States';
import { fmtDateTime, fmtMoney, fmtNumber } from '../../../lib/format';

const NPS_COLORS = { promoter: 'teal', passive: 'yellow', detractor: 'red' } as const;

export function ValueCard({
  profile,
  error,
  loading,
}: {
  profile?: ValueExplanation;
  error: unknown;
  loading: boolean;
}) {
  const { t } = useTranslation();
  if (loading)
    return (
      <Paper withBorder p="md">
        <Loading />
      </Paper>
    );
  if (error || !profile)
    return (
      <Paper withBorder p="md">
        <ErrorState error={error} compact />
      </Paper>
    );
  const score = (d: (typeof SCORE_NAMES)[number]) => profile.scores[d]?.score ?? 0;
  const radar = VALUE_DIMENSIONS.map((d) => ({ dimension: t(`dimensions.${d}`), value: Math.round(score(d)) }));
  const nps = profile.satisfaction.nps;
  const csat = profile.satisfaction.csat;
  return (
    <Paper withBorder p="md" h="100%">
      <Title order={2} size="h4" mb="sm">
        {t('profile.value')}
      </Title>
      <Grid align="center">
        <Grid.Col span={{ base: 12, sm: 7 }}>
          <RadarChart
            h={260}
            data={radar}
            dataKey="dimension"
            series={[{ name: 'value', label: t('profile.value'), color: 'indigo.5', opacity: 0.35 }]}
            withPolarRadiusAxis
            polarRadiusAxisProps={{ domain: [0, 100], tick: false, axisLine: false }}
            radarChartProps={{ outerRadius: '62%' }}
            aria-label={t('profile.valueRadar')}
            data-testid="value-radar"
          />
          <SimpleGrid cols={4} spacing={4}>
            {VALUE_DIMENSIONS.map((d) => (
              <Stack key={d} gap={0} align="center">
                <Text size="xs" c="dimmed">
                  {t(`dimensions.${d}`)}
                </Text>
                <Text fw={700}>{fmtNumber(score(d), 1)}</Text>
              </Stack>
            ))}
          </SimpleGrid>
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 5 }}>
          <Stack align="center" gap="md">
            <RingProgress
              size={130}
              thickness={12}
              roundCaps
              sections={[{ value: score('engagement'), color: 'indigo' }]}
              label={
                <Stack gap={0} align="center">
                  <Text fw={700} size="xl">
                    {fmtNumber(score('engagement'), 1)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('profile.engagement')}
                  </Text>
                </Stack>
              }
            />
            {profile.scores.engagement?.tier && (
              <Badge variant="light">
                {t(`profile.tiers.${profile.scores.engagement.tier}`, { defaultValue: profile.scores.engagement.tier })}
              </Badge>
            )}
            <Group gap="xs">
              <Text size="sm">{t('profile.nps')}</Text>
              {nps ? (
                <Badge color={NPS_COLORS[nps.class]} data-testid="nps-class">
                  {t(`npsClass.${nps.class}`)} · {nps.score}
                </Badge>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('profile.noAnswer')}
                </Text>
              )}
            </Group>
            <Group gap="xs">
              <Text size="sm">CSAT</Text>
              <Text size="sm" fw={600}>
                {csat ? `${csat.score} / 5` : '–'}
              </Text>
            </Group>
            <Group gap="xs">
              <IconStar size={16} aria-hidden />
              <Text size="sm">{t('profile.pointsBalance', { points: fmtNumber(profile.loyalty.balance) })}</Text>
            </Group>
            {profile.trial.status !== 'none' && (
              <Badge variant="outline" color="green">
                {t(`profile.trialStatus.${profile.trial.status}`)}
              </Badge>
            )}
            {profile.excluded.machineEvents > 0 && (
              <Text size="xs" c="dimmed" ta="center">
                {t('profile.machineExcluded', { count: profile.excluded.machineEvents })}
              </Text>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </Paper>
  );
}

export function LtvCard({ profile }: { profile?: ValueExplanation }) {
  const { t } = useTranslation();
  if (!profile) return null;
  const l = profile.ltv;
  const m = l.model;
  const currency = l.currency || 'EUR';
  const chance = m ? `${fmtNumber(m.pAlive * 100, 1)}%` : '–';
  const fromModel = l.tSource === 'model';
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap={0}>
          <Title order={2} size="h4">
            LTV
          </Title>
          <Text size="xs" c="dimmed">
            {fromModel && m ? t('profile.ltvPredicted', { months: m.horizonMonths }) : t('profile.ltvTSetting')}
          </Text>
        </Stack>
        <Text fw={700} fz={24} data-testid="ltv">
          {fmtMoney(l.value, currency)}
        </Text>
      </Group>
      <Group justify="space-between" mb="xs">
        <Text size="sm" c="dimmed">
          {t('profile.ltvHistory')}
        </Text>
        <Text size="sm" fw={600} data-testid="ltv-history">
          {fmtMoney(l.historicalValue ?? l.revenue * l.P, currency)}
        </Text>
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        {t('profile.ltvFormula', { orders: l.orders, revenue: fmtMoney(l.revenue, currency) })}
      </Text>
      <Table withRowBorders={false} verticalSpacing={2}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Td>
              <Code>S</Code> {t('profile.ltvS')}
            </Table.Td>
            <Table.Td ta="right">{fmtMoney(l.S, currency)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td>
              <Code>C</Code> {l.cSource === 'model' ? t('profile.ltvCModel') : t('profile.ltvC')}
            </Table.Td>
            <Table.Td ta="right">{fmtNumber(l.C, 2)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td>
              <Code>P</Code> {t('profile.ltvP')}
            </Table.Td>
            <Table.Td ta="right">{fmtNumber(l.P * 100, 1)}%</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td>
              <Code>t</Code> {fromModel ? t('profile.ltvTModel') : t('profile.ltvT')}
            </Table.Td>
            <Table.Td ta="right">
              {fmtNumber(l.t, 1)}{' '}
              {l.tSource === 'setting' ? (
                <Tooltip label={t('profile.ltvTSetting')}>
                  <Text span c="dimmed">
                    *
                  </Text>
                </Tooltip>
              ) : null}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {m ? (
        <Stack gap={4} mt="sm" data-testid="ltv-model">
          <Group justify="space-between">
            <Text size="sm">{t('profile.ltvPAlive')}</Text>
            <Badge
              variant="light"
              color={m.pAlive >= 0.5 ? 'teal' : m.pAlive >= 0.2 ? 'yellow' : 'red'}
              data-testid="ltv-palive"
            >
              {chance}
            </Badge>
          </Group>
          <Text size="sm">
            {fromModel
              ? t('profile.ltvSentence', {
                  chance,
                  horizon: m.horizonMonths,
                  purchases: fmtNumber(m.expectedPurchases, m.expectedPurchases < 1 ? 2 : 1),
                  value: fmtMoney(l.value, currency),
                  history: fmtMoney(l.historicalValue ?? 0, currency),
                })
              : t('profile.ltvSentenceSetting', { months: fmtNumber(l.t), chance })}
          </Text>
          <Text size="xs" c="dimmed">
            {t('profile.ltvInputs', { x: m.x, tx: fmtNumber(m.tx, 1), T: fmtNumber(m.T, 1) })} ·{' '}
            {t('profile.ltvExpected', { purchases: fmtNumber(m.expectedPurchases, 2) })}
          </Text>
          <Text size="xs" c="dimmed">
            {t('profile.ltvParams', {
              r: fmtNumber(m.params.r, 3),
              alpha: fmtNumber(m.params.alpha, 3),
              a: fmtNumber(m.params.a, 3),
              b: fmtNumber(m.params.b, 3),
            })}{' '}
            ·{' '}
            {m.paramsSource === 'fit'
              ? t('profile.ltvFitted', { count: m.sampleSize, at: fmtDateTime(m.fittedAt) })
              : t('profile.ltvDefault', { note: m.note ?? '' })}
          </Text>
          <Tooltip multiline w={360} label={m.assumptions.join(' ')}>
            <Text size="xs" c="dimmed" td="underline" style={{ cursor: 'help', alignSelf: 'flex-start' }}>
              {t('profile.ltvAssumptions')}
            </Text>
          </Tooltip>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed" mt="sm">
          {t('profile.ltvNoOrders')}
        </Text>
      )}
    </Paper>
  );
}

export function DetailsCard({ subscriber: s }: { subscriber: Subscriber }) {
  const { t } = useTranslation();
  const attributes = Object.entries(s.attributes ?? {});
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        {t('profile.details')}
      </Title>
      <Table withRowBorders={false} verticalSpacing={2}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Td c="dimmed">{t('subscribers.firstName')}</Table.Td>
            <Table.Td>{s.firstName || '–'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td c="dimmed">{t('subscribers.lastName')}</Table.Td>
            <Table.Td>{s.lastName || '–'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td c="dimmed">{t('subscribers.locale')}</Table.Td>
            <Table.Td>{s.locale}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td c="dimmed">{t('subscribers.timezone')}</Table.Td>
            <Table.Td>{s.timezone ?? t('subscribers.timezoneUnknown')}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td c="dimmed">{t('subscribers.externalId')}</Table.Td>
            <Table.Td>{s.externalId ?? '–'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td c="dimmed">{t('subscribers.added')}</Table.Td>
            <Table.Td>{fmtDateTime(s.createdAt)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td c="dimmed">{t('subscribers.tracking')}</Table.Td>
            <Table.Td>{s.trackingOptOut ? t('subscribers.trackingOff') : t('subscribers.trackingOn')}</Table.Td>
          </Table.Tr>
          {attributes.map(([k, v]) => (
            <Table.Tr key={k}>
              <Table.Td c="dimmed">{k}</Table.Td>
              <Table.Td>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
