import { Anchor, Badge, Button, Group, Pagination, Paper, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { campaignsApi } from '../../api/endpoints';
import { CAMPAIGN_STATUSES, type CampaignStatus } from '../../api/types';
import { useCan } from '../../auth/AuthProvider';
import { PageHeader } from '../../components/PageHeader';
import { CampaignStatusBadge } from '../../components/StatusBadge';
import { Empty, ErrorState } from '../../components/States';
import { fmtDateTime, fmtNumber } from '../../lib/format';
import { campaignLink } from './campaign-links';
import { webKind } from '../../kinds/registry';
import { readableTags } from '../../lib/readable-tags';

const PAGE_SIZE = 25;

export default function CampaignsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? 'all') as CampaignStatus | 'all';
  const page = Number(params.get('page') ?? 1);
  const query = { status: status === 'all' ? undefined : status, page, limit: PAGE_SIZE };
  const campaigns = useQuery({
    queryKey: ['campaigns', query],
    queryFn: () => campaignsApi.list(query),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader
        title={t('campaigns.title')}
        description={t('campaigns.intro')}
        actions={
          can.write && (
            <Button
              component={Link}
              to="/campaigns/new"
              leftSection={<IconPlus size={16} />}
              data-testid="new-campaign"
            >
              {t('campaigns.new')}
            </Button>
          )
        }
      />
      <Paper withBorder p="md">
        <Stack>
          <SegmentedControl
            aria-label={t('campaigns.status')}
            value={status}
            onChange={(v) => setParams(v === 'all' ? {} : { status: v })}
            data={['all', ...CAMPAIGN_STATUSES].map((s) => ({
              value: s,
              label: s === 'all' ? t('common.all') : t(`campaignStatus.${s}`),
            }))}
            style={{ overflowX: 'auto' }}
          />
          {campaigns.error && <ErrorState error={campaigns.error} />}
          <Table.ScrollContainer minWidth={760}>
            <Table highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('campaigns.name')}</Table.Th>
                  <Table.Th>{t('campaigns.kind')}</Table.Th>
                  <Table.Th>{t('campaigns.status')}</Table.Th>
                  <Table.Th ta="right">{t('campaigns.recipients')}</Table.Th>
                  <Table.Th ta="right">{t('campaigns.sent')}</Table.Th>
                  <Table.Th>{t('campaigns.when')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {campaigns.data?.items.map((c) => (
                  <Table.Tr key={c.id} className="vm-table-row-link" onClick={() => navigate(campaignLink(c))}>
                    <Table.Td>
                      <Anchor component={Link} to={campaignLink(c)} fw={600} onClick={(e) => e.stopPropagation()}>
                        {c.name}
                      </Anchor>
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {readableTags(c.subject, t)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={webKind(c.kind).color} leftSection={webKind(c.kind).icon(12)}>
                        {t(`kinds.${c.kind}.name`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <CampaignStatusBadge status={c.status} />
                    </Table.Td>
                    <Table.Td ta="right">{c.totalCount ? fmtNumber(c.totalCount) : '–'}</Table.Td>
                    <Table.Td ta="right">{fmtNumber(c.sentCount)}</Table.Td>
                    <Table.Td>
                      {fmtDateTime(
                        c.status === 'scheduled' ? c.scheduledAt : (c.finishedAt ?? c.startedAt ?? c.updatedAt),
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {campaigns.data?.items.length === 0 && <Empty title={t('campaigns.none')}>{t('campaigns.noneHint')}</Empty>}
          <Group justify="center">
            <Pagination
              total={Math.max(1, Math.ceil((campaigns.data?.total ?? 0) / PAGE_SIZE))}
              value={page}
              onChange={(p) => setParams({ ...(status !== 'all' ? { status } : {}), page: String(p) })}
            />
          </Group>
        </Stack>
      </Paper>
    </>
  );
}
