import { RadarChart } from '@mantine/charts';
import { Badge, Code, Grid, Group, Paper, RingProgress, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconStar } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { SCORE_NAMES, VALUE_DIMENSIONS, type Subscriber, type ValueExplanation } from '../../../api/types';
import { ErrorState, Loading } from '../../../components/States';
import { fmtDateTime, fmtMoney, fmtNumber } from '../../../lib/format';

const NPS_COLORS = { promoter: 'teal', passive: 'yellow', detractor: 'red' } as const;

export function ValueCard({ profile, error, loading }: { profile?: ValueExplanation; error: unknown; loading: boolean }) {
  const { t } = useTranslation();
  if (loading) return <Paper withBorder p="md"><Loading /></Paper>;
  if (error || !profile) return <Paper withBorder p="md"><ErrorState error={error} compact /></Paper>;
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
          <RadarChart h={260} data={radar} dataKey="dimension" series={[{ name: 'value', label: t('profile.value'), color: 'indigo.5', opacity: 0.35 }]} withPolarRadiusAxis polarRadiusAxisProps={{ domain: [0, 100], tick: false, axisLine: false }} radarChartProps={{ outerRadius: '62%' }} aria-label={t('profile.valueRadar')} data-testid="value-radar" />
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
              <Badge variant="light">{t(`profile.tiers.${profile.scores.engagement.tier}`, { defaultValue: profile.scores.engagement.tier })}</Badge>
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
  const currency = l.currency || 'EUR';
  return (
    <Paper withBorder p="md">
      <Group justify="space-between">
        <Title order={2} size="h4">
          LTV
        </Title>
        <Text fw={700} fz={24} data-testid="ltv">
          {fmtMoney(l.value, currency)}
        </Text>
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        {t('profile.ltvFormula', { orders: l.orders, revenue: fmtMoney(l.revenue, currency) })}
      </Text>
      <Table withRowBorders={false} verticalSpacing={2}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Td><Code>S</Code> {t('profile.ltvS')}</Table.Td>
            <Table.Td ta="right">{fmtMoney(l.S, currency)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td><Code>C</Code> {t('profile.ltvC')}</Table.Td>
            <Table.Td ta="right">{fmtNumber(l.C, 2)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td><Code>P</Code> {t('profile.ltvP')}</Table.Td>
            <Table.Td ta="right">{fmtNumber(l.P * 100, 1)}%</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td><Code>t</Code> {t('profile.ltvT')}</Table.Td>
            <Table.Td ta="right">
              {fmtNumber(l.t, 1)} {l.tSource && l.tSource !== 'observed' ? <Tooltip label={t('profile.ltvTSetting')}><Text span c="dimmed">*</Text></Tooltip> : null}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
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
          <Table.Tr><Table.Td c="dimmed">{t('subscribers.locale')}</Table.Td><Table.Td>{s.locale}</Table.Td></Table.Tr>
          <Table.Tr><Table.Td c="dimmed">{t('subscribers.externalId')}</Table.Td><Table.Td>{s.externalId ?? '–'}</Table.Td></Table.Tr>
          <Table.Tr><Table.Td c="dimmed">{t('subscribers.added')}</Table.Td><Table.Td>{fmtDateTime(s.createdAt)}</Table.Td></Table.Tr>
          <Table.Tr><Table.Td c="dimmed">{t('subscribers.tracking')}</Table.Td><Table.Td>{s.trackingOptOut ? t('subscribers.trackingOff') : t('subscribers.trackingOn')}</Table.Td></Table.Tr>
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

