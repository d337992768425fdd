import { AreaChart, BarChart } from '@mantine/charts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconAlertOctagon, IconAlertTriangle, IconInfoCircle, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { dashboardApi } from '../../api/endpoints';
import type { AttentionItem, AttentionSeverity, Dashboard, KindHeadline, RecentCampaign } from '../../api/types';
import { VALUE_DIMENSIONS } from '../../api/types';
import { useCan } from '../../auth/AuthProvider';
import { PageHeader } from '../../components/PageHeader';
import { StatCard } from '../../components/StatCard';
import { CampaignStatusBadge } from '../../components/StatusBadge';
import { Empty, ErrorState, Loading } from '../../components/States';
import { fmtDateTime, fmtDay, fmtMoney, fmtMonth, fmtNumber, fmtRate } from '../../lib/format';
import { campaignLink } from '../campaigns/campaign-links';
import { findWebKind, webKind } from '../../kinds/registry';
import { attentionHref } from './attention-link';

const SEVERITY: Record<AttentionSeverity, { color: string; icon: ReactNode }> = {
  critical: { color: 'red', icon: <IconAlertOctagon size={18} /> },
  warning: { color: 'yellow', icon: <IconAlertTriangle size={18} /> },
  info: { color: 'blue', icon: <IconInfoCircle size={18} /> },
};

export default function DashboardPage() {
  const { t } = useTranslation();
  const can = useCan();
  // One call answers the whole page; a minute old is fresh enough, running campaigns move on their own page.
  const dashboard = useQuery({ queryKey: ['dashboard'], queryFn: dashboardApi.get, refetchInterval: 60_000 });
  const d = dashboard.data;

  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        description={t('dashboard.intro')}
        actions={
          can.write && (
            <Button component={Link} to="/campaigns/new" leftSection={<IconPlus size={16} />}>
              {t('campaigns.new')}
            </Button>
          )
        }
      />
      {dashboard.isLoading && <Loading />}
      {dashboard.error && <ErrorState error={dashboard.error} retry={() => void dashboard.refetch()} />}
      {d && <DashboardBody d={d} />}
    </>
  );
}

function DashboardBody({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const s = d.subscribersOverTime;
  const overall = d.npsOverTime.overall;
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <StatCard
          label={t('dashboard.active')}
          value={<span data-testid="active-subscribers">{fmtNumber(s.total)}</span>}
        />
        <StatCard
          label={t('dashboard.joined30')}
          value={fmtNumber(s.newLast30Days)}
          color={s.newLast30Days ? 'teal.8' : undefined}
        />
        <StatCard
          label={t('dashboard.unsubscribed30')}
          value={fmtNumber(s.unsubscribedLast30Days)}
          hint={t('dashboard.left30', { count: s.leftLast30Days, left: fmtNumber(s.leftLast30Days) })}
        />
        <StatCard
          label={t('dashboard.nps12')}
          value={<span data-testid="nps-overall">{fmtNumber(overall.nps)}</span>}
          hint={t('dashboard.npsAnswers', { count: overall.answers, answers: fmtNumber(overall.answers) })}
        />
      </SimpleGrid>

      {d.attention.length > 0 && <AttentionPanel items={d.attention} />}

      <RecentCampaigns campaigns={d.recentCampaigns} />

      <SimpleGrid cols={{ base: 1, md: 2, lg: 3 }}>
        <Paper withBorder p="md">
          <Title order={2} size="h5" mb="sm">
            {t('dashboard.subscribersOverTime')}
          </Title>
          <AreaChart
            h={220}
            data={s.points.map((p) => ({ ...p, day: fmtDay(p.date) }))}
            dataKey="day"
            series={[{ name: 'active', label: t('dashboard.active'), color: 'indigo.6' }]}
            yAxisProps={{ allowDecimals: false, domain: ['auto', 'auto'] }}
            curveType="monotone"
            withDots={false}
            role="img"
            aria-label={t('dashboard.subscribersOverTime')}
          />
        </Paper>
        <Paper withBorder p="md">
          <Title order={2} size="h5" mb="sm">
            {t('dashboard.npsOverTime')}
          </Title>
          {overall.answers > 0 ? (
            <BarChart
              h={220}
              data={d.npsOverTime.points.map((m) => ({ month: fmtMonth(m.month), nps: m.nps, answers: m.answers }))}
              dataKey="month"
              series={[{ name: 'nps', label: 'NPS', color: 'grape.6' }]}
              yAxisProps={{ domain: [-100, 100] }}
              referenceLines={[{ y: 0, color: 'gray.5' }]}
              maxBarWidth={28}
              role="img"
              aria-label={t('dashboard.npsOverTime')}
            />
          ) : (
            <Empty title={t('dashboard.noNps')} />
          )}
        </Paper>
        <ValueDimensions d={d} />
      </SimpleGrid>
    </Stack>
  );
}

function AttentionPanel({ items }: { items: AttentionItem[] }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid="attention">
      <Title order={2} size="h4" mb="sm">
        {t('dashboard.attention')}
      </Title>
      <Stack gap="xs">
        {items.map((item, i) => (
          <Alert
            key={`${item.type}-${item.link.type}-${item.link.id}-${i}`}
            color={SEVERITY[item.severity].color}
            icon={SEVERITY[item.severity].icon}
            p="xs"
            data-severity={item.severity}
          >
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text size="sm">{item.message}</Text>
              <Group gap="sm" wrap="nowrap">
                {item.at && (
                  <Text size="xs" c="dimmed">
                    {fmtDateTime(item.at)}
                  </Text>
                )}
                <Anchor component={Link} to={attentionHref(item)} size="sm" fw={600}>
                  {t(`dashboard.open.${item.link.type}`)}
                </Anchor>
              </Group>
            </Group>
          </Alert>
        ))}
      </Stack>
    </Paper>
  );
}

function RecentCampaigns({ campaigns }: { campaigns: RecentCampaign[] }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('dashboard.recent')}
        </Title>
        <Anchor component={Link} to="/campaigns" size="sm">
          {t('dashboard.allCampaigns')}
        </Anchor>
      </Group>
      {campaigns.length === 0 ? (
        <Empty title={t('dashboard.noCampaigns')}>{t('dashboard.noCampaignsHint')}</Empty>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('campaigns.name')}</Table.Th>
                <Table.Th>{t('campaigns.status')}</Table.Th>
                <Table.Th ta="right">{t('campaigns.sent')}</Table.Th>
                <Table.Th ta="right">{t('campaigns.openRate')}</Table.Th>
                <Table.Th ta="right">{t('campaigns.clickRate')}</Table.Th>
                <Table.Th ta="right">{t('dashboard.actRate')}</Table.Th>
                <Table.Th>{t('dashboard.headline')}</Table.Th>
                <Table.Th ta="right">{t('dashboard.revenue')}</Table.Th>
                <Table.Th>{t('campaigns.when')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {campaigns.map((c) => (
                <RecentRow key={c.id} c={c} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

function RecentRow({ c }: { c: RecentCampaign }) {
  const { t } = useTranslation();
  const revenue = c.revenue.byCurrency[0];
  return (
    <Table.Tr data-testid={`recent-${c.id}`}>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Badge variant="light" color={webKind(c.kind).color} leftSection={webKind(c.kind).icon(12)} size="sm">
            {t(`kinds.${c.kind}.name`)}
          </Badge>
          <Anchor component={Link} to={campaignLink(c)} size="sm" fw={600}>
            {c.name}
          </Anchor>
        </Group>
      </Table.Td>
      <Table.Td>
        <Stack gap={4}>
          <CampaignStatusBadge status={c.status} />
          {c.progress !== null && (
            <Progress
              value={c.progress * 100}
              size="sm"
              color={c.status === 'paused' ? 'yellow' : 'indigo'}
              aria-label={fmtRate(c.progress, 0)}
            />
          )}
        </Stack>
      </Table.Td>
      <Table.Td ta="right">{fmtNumber(c.sent)}</Table.Td>
      <Table.Td ta="right">{c.delivered ? fmtRate(c.openRate) : '–'}</Table.Td>
      <Table.Td ta="right">{c.delivered ? fmtRate(c.clickRate) : '–'}</Table.Td>
      <Table.Td ta="right">
        <Tooltip label={t(`kinds.${c.kind}.action`)} withArrow>
          <span>{c.delivered ? fmtRate(c.actRate) : '–'}</span>
        </Tooltip>
      </Table.Td>
      <Table.Td>
        <Headline h={c.headline} />
      </Table.Td>
      <Table.Td ta="right">
        {revenue && revenue.total > 0 ? fmtMoney(revenue.total, revenue.currency ?? 'EUR') : '–'}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{fmtDateTime(c.finishedAt ?? c.startedAt ?? c.scheduledAt)}</Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** The kind's one figure worth a glance, labelled in the app's language, with what it is made of beneath. */
function Headline({ h }: { h: KindHeadline }) {
  const { t } = useTranslation();
  // A kind this app does not know (yet) shows the server's own label.
  const view = findWebKind(h.kind)?.headline(h, t) ?? { label: h.label };
  const { label, hint } = view;
  const value = view.value ?? (typeof h.value === 'number' ? fmtNumber(h.value) : (h.value ?? '–'));
  return (
    <div data-testid="headline">
      <Text size="sm">
        <Text span c="dimmed" size="sm">
          {label}:
        </Text>{' '}
        <Text span fw={700} size="sm">
          {value}
        </Text>
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </div>
  );
}

function ValueDimensions({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const v = d.valueDimensions;
  return (
    <Paper withBorder p="md" data-testid="value-dimensions">
      <Title order={2} size="h5" mb="sm">
        {t('dashboard.valueDimensions')}
      </Title>
      {v.averages ? (
        <Stack gap="sm">
          {VALUE_DIMENSIONS.map((dim) => (
            <div key={dim}>
              <Group justify="space-between" gap="xs">
                <Text size="sm">{t(`dimensions.${dim}`)}</Text>
                <Text size="sm" fw={700}>
                  {fmtNumber(v.averages![dim], 1)}
                </Text>
              </Group>
              <Progress value={v.averages![dim]} color="indigo" size="md" aria-label={t(`dimensions.${dim}`)} />
            </div>
          ))}
          <Text size="xs" c="dimmed">
            {t('dashboard.valueBasis', {
              count: v.subscribers,
              subscribers: fmtNumber(v.subscribers),
              when: fmtDateTime(v.computedAt),
            })}
          </Text>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed" data-testid="value-reason">
          {v.reason ?? t('reports.noData')}
        </Text>
      )}
    </Paper>
  );
}
