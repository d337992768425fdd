import { Alert, Anchor, Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { campaignsApi, listsApi, subscribersApi } from '../../api/endpoints';
import type { Campaign, CampaignReport } from '../../api/types';
import { useCan } from '../../auth/AuthProvider';
import { PageHeader } from '../../components/PageHeader';
import { StatCard } from '../../components/StatCard';
import { CampaignStatusBadge } from '../../components/StatusBadge';
import { Empty, ErrorState, Loading } from '../../components/States';
import { fmtDateTime, fmtNumber, fmtRate, ratio } from '../../lib/format';
import { AudienceCharts } from '../audience/AudienceCharts';
import { KIND_META } from '../campaigns/kind-meta';
import { campaignLink } from '../campaigns/campaign-links';
import { attentionItems } from './attention';

export default function DashboardPage() {
  const { t } = useTranslation();
  const can = useCan();
  const recent = useQuery({ queryKey: ['campaigns', { limit: 8 }], queryFn: () => campaignsApi.list({ limit: 8 }) });
  const paused = useQuery({ queryKey: ['campaigns', { status: 'paused' }], queryFn: () => campaignsApi.list({ status: 'paused', limit: 20 }) });
  const totals = useQuery({ queryKey: ['subscribers', 'total'], queryFn: () => subscribersApi.list({ limit: 1 }) });
  const active = useQuery({ queryKey: ['subscribers', 'active-total'], queryFn: () => subscribersApi.list({ limit: 1, status: 'active' }) });
  const lists = useQuery({ queryKey: ['lists'], queryFn: listsApi.all });
  const [listId, setListId] = useLocalStorage<string | null>({ key: 'vm.dashboard.list', defaultValue: null });
  const chosenList = listId && lists.data?.some((l) => String(l.id) === listId) ? listId : lists.data?.[0] ? String(lists.data[0].id) : null;
  const listReport = useQuery({ queryKey: ['list-report', chosenList], queryFn: () => listsApi.report(Number(chosenList)), enabled: !!chosenList, retry: false });

  const sentCampaigns = (recent.data?.items ?? []).filter((c) => c.sentCount > 0);
  const reports = useQueries({
    queries: sentCampaigns.map((c) => ({ queryKey: ['campaign-report', c.id], queryFn: () => campaignsApi.report(c.id), retry: false, staleTime: 30_000 })),
  });
  const reportOf = (id: number): CampaignReport | undefined => reports[sentCampaigns.findIndex((c) => c.id === id)]?.data;
  const attention = attentionItems([...(paused.data?.items ?? []), ...(recent.data?.items ?? [])]);

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
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          <StatCard label={t('dashboard.subscribers')} value={fmtNumber(totals.data?.total)} />
          <StatCard label={t('dashboard.active')} value={fmtNumber(active.data?.total)} hint={totals.data ? fmtRate(ratio(active.data?.total ?? 0, totals.data.total)) : undefined} />
          <StatCard label={t('dashboard.campaigns')} value={fmtNumber(recent.data?.total)} />
          <StatCard label={t('dashboard.nps')} value={fmtNumber(listReport.data?.nps.current.nps, 1)} hint={listReport.data ? t('dashboard.npsHint', { count: listReport.data.nps.current.answered, list: listReport.data.audience.name, answered: listReport.data.nps.current.answered }) : undefined} />
        </SimpleGrid>

        {attention.length > 0 && (
          <Paper withBorder p="md" data-testid="attention">
            <Title order={2} size="h4" mb="sm">
              {t('dashboard.attention')}
            </Title>
            <Stack gap="xs">
              {attention.map((item) => (
                <Alert key={`${item.kind}-${item.campaign.id}`} color={item.kind === 'paused' ? 'yellow' : 'red'} icon={<IconAlertTriangle size={18} />} p="xs">
                  <Group justify="space-between" wrap="wrap">
                    <Text size="sm">
                      <Anchor component={Link} to={campaignLink(item.campaign)} fw={600}>
                        {item.campaign.name}
                      </Anchor>{' '}
                      — {t(`dashboard.attentionKinds.${item.kind}`, { rate: fmtRate(item.rate) })}
                      {item.campaign.statusReason ? ` (${item.campaign.statusReason})` : ''}
                    </Text>
                  </Group>
                </Alert>
              ))}
            </Stack>
          </Paper>
        )}

        <Paper withBorder p="md">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4">
              {t('dashboard.recent')}
            </Title>
            <Anchor component={Link} to="/campaigns" size="sm">
              {t('dashboard.allCampaigns')}
            </Anchor>
          </Group>
          {recent.isLoading && <Loading />}
          {recent.error && <ErrorState error={recent.error} retry={() => void recent.refetch()} />}
          {recent.data && recent.data.items.length === 0 && <Empty title={t('dashboard.noCampaigns')}>{t('dashboard.noCampaignsHint')}</Empty>}
          {recent.data && recent.data.items.length > 0 && (
            <Table.ScrollContainer minWidth={720}>
              <Table verticalSpacing="xs" highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('campaigns.name')}</Table.Th>
                    <Table.Th>{t('campaigns.status')}</Table.Th>
                    <Table.Th ta="right">{t('campaigns.sent')}</Table.Th>
                    <Table.Th ta="right">{t('campaigns.openRate')}</Table.Th>
                    <Table.Th ta="right">{t('campaigns.clickRate')}</Table.Th>
                    <Table.Th ta="right">{t('campaigns.acted')}</Table.Th>
                    <Table.Th>{t('campaigns.when')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {recent.data.items.map((c) => (
                    <RecentRow key={c.id} campaign={c} report={reportOf(c.id)} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>

        <Paper withBorder p="md">
          <Group justify="space-between" mb="sm" wrap="wrap">
            <Title order={2} size="h4">
              {t('dashboard.audience')}
            </Title>
            <Select
              label={t('dashboard.audienceList')}
              data={(lists.data ?? []).map((l) => ({ value: String(l.id), label: l.name }))}
              value={chosenList}
              onChange={setListId}
              w={260}
              allowDeselect={false}
              size="xs"
            />
          </Group>
          {!chosenList && !lists.isLoading && <Empty title={t('dashboard.noLists')} />}
          {listReport.isLoading && chosenList && <Loading />}
          {listReport.error && <ErrorState error={listReport.error} compact />}
          {listReport.data && <AudienceCharts report={listReport.data} compact />}
        </Paper>
      </Stack>
    </>
  );
}

function RecentRow({ campaign: c, report }: { campaign: Campaign; report?: CampaignReport }) {
  const { t } = useTranslation();
  const rate = (key: 'opened' | 'clicked' | 'acted') => report?.funnel.steps.find((s) => s.key === key);
  return (
    <Table.Tr>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Badge variant="light" color={KIND_META[c.kind].color} leftSection={KIND_META[c.kind].icon(12)} size="sm">
            {t(`kinds.${c.kind}.name`)}
          </Badge>
          <Anchor component={Link} to={campaignLink(c)} size="sm" fw={600}>
            {c.name}
          </Anchor>
        </Group>
      </Table.Td>
      <Table.Td>
        <CampaignStatusBadge status={c.status} />
      </Table.Td>
      <Table.Td ta="right">{fmtNumber(c.sentCount)}</Table.Td>
      <Table.Td ta="right">{report ? fmtRate(rate('opened')?.rate) : '–'}</Table.Td>
      <Table.Td ta="right">{report ? fmtRate(rate('clicked')?.rate) : '–'}</Table.Td>
      <Table.Td ta="right">{report ? fmtNumber(rate('acted')?.count) : '–'}</Table.Td>
      <Table.Td>
        <Text size="sm">{fmtDateTime(c.finishedAt ?? c.startedAt ?? c.scheduledAt ?? c.createdAt)}</Text>
      </Table.Td>
    </Table.Tr>
  );
}
