import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Pagination,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconDownload, IconTrash, IconUserPlus } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { listsApi, segmentsApi } from '../../api/endpoints';
import { useCan } from '../../auth/AuthProvider';
import { ConfirmButton } from '../../components/ConfirmButton';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { Empty, ErrorState, Loading } from '../../components/States';
import { fmtDate, fmtNumber } from '../../lib/format';
import { AudienceCharts } from './AudienceCharts';
import { ListFormButton } from './ListsPage';

const PAGE_SIZE = 50;
const MEMBER_COLORS = { confirmed: 'teal', unconfirmed: 'yellow', unsubscribed: 'gray' } as const;

export default function ListPage() {
  const { t } = useTranslation();
  const can = useCan();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const client = useQueryClient();
  const list = useQuery({ queryKey: ['list', id], queryFn: () => listsApi.get(id) });
  if (list.isLoading) return <Loading />;
  if (list.error) return <ErrorState error={list.error} />;
  const l = list.data!;
  return (
    <>
      <PageHeader
        title={l.name}
        description={l.description}
        crumbs={[{ label: t('nav.lists'), to: '/audience/lists' }, { label: l.name }]}
        badge={<Badge variant="light">{t(`lists.optInModes.${l.optIn}`)}</Badge>}
        actions={
          <>
            <Button
              component="a"
              href={listsApi.exportUrl(id)}
              variant="default"
              leftSection={<IconDownload size={16} />}
              download
            >
              {t('lists.exportCsv')}
            </Button>
            {can.write && <AddFromSegment listId={id} />}
            {can.write && <ListFormButton list={l} />}
            {can.write && (
              <ConfirmButton
                variant="light"
                leftSection={<IconTrash size={16} />}
                title={t('lists.deleteTitle')}
                message={t('lists.deleteMessage', { name: l.name })}
                confirmLabel={t('common.delete')}
                onConfirm={async () => {
                  try {
                    await listsApi.remove(id);
                    void client.invalidateQueries({ queryKey: ['lists'] });
                    void navigate('/audience/lists');
                  } catch (e) {
                    notifyError(e);
                  }
                }}
              >
                {t('common.delete')}
              </ConfirmButton>
            )}
          </>
        }
      />
      <Tabs defaultValue="members" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="members">{t('lists.members')}</Tabs.Tab>
          <Tabs.Tab value="report">{t('lists.report')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="members">
          <Members listId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="report">
          <ListReport listId={id} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function Members({ listId }: { listId: number }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState('all');
  const [page, setPage] = useState(1);
  const query = { page, limit: PAGE_SIZE, status: status === 'all' ? undefined : status };
  const members = useQuery({
    queryKey: ['list', listId, 'members', query],
    queryFn: () => listsApi.members(listId, query),
    placeholderData: keepPreviousData,
  });
  const total = members.data?.total ?? 0;
  return (
    <Paper withBorder p="md">
      <Stack>
        <Group justify="space-between">
          <SegmentedControl
            aria-label={t('lists.memberStatus')}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            data={['all', 'confirmed', 'unconfirmed', 'unsubscribed'].map((s) => ({
              value: s,
              label: t(`memberStatus.${s}`),
            }))}
          />
          <Text size="sm" c="dimmed">
            {t('subscribers.count', { count: total, formatted: fmtNumber(total) })}
          </Text>
        </Group>
        {members.error && <ErrorState error={members.error} />}
        <Table.ScrollContainer minWidth={600}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('subscribers.email')}</Table.Th>
                <Table.Th>{t('subscribers.name')}</Table.Th>
                <Table.Th>{t('subscribers.status')}</Table.Th>
                <Table.Th>{t('lists.joined')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.data?.items.map((m) => (
                <Table.Tr key={m.subscriberId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/audience/subscribers/${m.subscriberId}`} size="sm">
                      {m.email ?? t('subscribers.erased')}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{m.name}</Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={MEMBER_COLORS[m.status]}>
                      {t(`memberStatus.${m.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{fmtDate(m.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {members.data?.items.length === 0 && <Empty title={t('lists.noMembers')}>{t('lists.noMembersHint')}</Empty>}
        <Group justify="center">
          <Pagination total={Math.max(1, Math.ceil(total / PAGE_SIZE))} value={page} onChange={setPage} withEdges />
        </Group>
      </Stack>
    </Paper>
  );
}

function ListReport({ listId }: { listId: number }) {
  const report = useQuery({
    queryKey: ['list-report', String(listId)],
    queryFn: () => listsApi.report(listId),
    retry: false,
  });
  if (report.isLoading) return <Loading />;
  if (report.error) return <ErrorState error={report.error} />;
  return <AudienceCharts report={report.data!} />;
}

function AddFromSegment({ listId }: { listId: number }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const [segmentId, setSegmentId] = useState<string | null>(null);
  const client = useQueryClient();
  const segments = useQuery({ queryKey: ['segments'], queryFn: segmentsApi.all, enabled: opened });
  const add = useMutation({
    mutationFn: () => listsApi.addMembers(listId, { segmentId: Number(segmentId) }),
    onSuccess: (r) => {
      notifySuccess(t('lists.addedMembers', { changed: r.changed, pending: r.pending, unchanged: r.unchanged }));
      void client.invalidateQueries({ queryKey: ['list', listId] });
      close();
    },
    onError: (e) => notifyError(e),
  });
  return (
    <>
      <Button variant="default" leftSection={<IconUserPlus size={16} />} onClick={open}>
        {t('lists.addFromSegment')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('lists.addFromSegment')}>
        <Stack>
          <Select
            label={t('nav.segments')}
            data={(segments.data ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
            value={segmentId}
            onChange={setSegmentId}
            searchable
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button disabled={!segmentId} loading={add.isPending} onClick={() => add.mutate()}>
              {t('lists.add')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
