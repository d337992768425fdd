import { BarChart, GaugeChart } from '@mantine/charts';
import { Badge, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PollReport } from '../../api/types';
import { StatCard } from '../../components/StatCard';
import { fmtDateTime, fmtNumber, fmtRate } from '../../lib/format';
import { npsBand } from './nps';

export function PollBlock({ r }: { r: PollReport }) {
  const { t } = useTranslation();
  const npsColors = (value: string) => {
    const n = Number(value);
    return n <= 6 ? 'red.6' : n <= 8 ? 'yellow.5' : 'teal.6';
  };
  const data = r.distribution.map((d) => ({
    answer: d.label,
    count: d.count,
    color: r.type === 'nps' ? npsColors(d.value) : 'grape.5',
  }));
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
                <Badge color="teal" variant="light">
                  {t('report.promoters', { count: r.nps.promoters })}
                </Badge>
                <Badge color="yellow" variant="light">
                  {t('report.passives', { count: r.nps.passives })}
                </Badge>
                <Badge color="red" variant="light">
                  {t('report.detractors', { count: r.nps.detractors })}
                </Badge>
              </Group>
            </>
          ) : r.csatAverage !== null ? (
            <StatCard label="CSAT" value={`${fmtNumber(r.csatAverage, 2)} / 5`} />
          ) : null}
          <Text size="sm">
            {t('report.responses', {
              count: r.answers,
              answers: fmtNumber(r.answers),
              sent: fmtNumber(r.sent),
              rate: fmtRate(r.responseRate),
            })}
          </Text>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Text fw={600} mb="xs">
          {r.question}
        </Text>
        <BarChart
          h={220}
          data={data}
          dataKey="answer"
          yAxisProps={{ allowDecimals: false }}
          series={[{ name: 'count', label: t('report.answers') }]}
          role="img"
          aria-label={t('report.distribution')}
          data-testid="poll-distribution"
        />
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
