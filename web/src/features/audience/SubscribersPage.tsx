import {
  Anchor,
  Badge,
  Button,
  Chip,
  Group,
  Modal,
  Pagination,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { listsApi, subscribersApi } from '../../api/endpoints';
import { ApiError } from '../../api/errors';
import { SUBSCRIBER_STATUSES, type SubscriberStatus } from '../../api/types';
import { useCan } from '../../auth/AuthProvider';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { Empty, ErrorState } from '../../components/States';
import { fmtDate, fmtNumber } from '../../lib/format';

const PAGE_SIZE = 50;

export const STATUS_COLORS: Record<SubscriberStatus, string> = {
  active: 'teal',
  unsubscribed: 'gray',
  bounced: 'orange',
  complained: 'red',
  blocklisted: 'dark',
};

// Search, filters and paging live in the URL, so a filtered view can be bookmarked and Back works.
export default function SubscribersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(search, 350);
  const status = (params.get('status') as SubscriberStatus | null) ?? undefined;
  const listId = params.get('listId') ? Number(params.get('listId')) : undefined;
  const importRunId = params.get('importRunId') ? Number(params.get('importRunId')) : undefined;
  const page = Math.max(1, Number(params.get('page') ?? 1));
  const lists = useQuery({ queryKey: ['lists'], queryFn: listsApi.all });

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  useEffect(() => {
    if ((params.get('q') ?? '') !== debounced) update({ q: debounced || undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const query = { q: params.get('q') ?? undefined, status, listId, importRunId, page, limit: PAGE_SIZE };
  const result = useQuery({
    queryKey: ['subscribers', query],
    queryFn: ({ signal }) => subscribersApi.list(query, signal),
    placeholderData: keepPreviousData,
  });
  const pages = result.data ? Math.max(1, Math.ceil(result.data.total / PAGE_SIZE)) : 1;

  return (
    <>
      <PageHeader
        title={t('subscribers.title')}
        description={t('subscribers.intro')}
        actions={can.write && <AddSubscriber />}
      />
      <Paper withBorder p="md">
        <Stack>
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label={t('subscribers.search')}
              placeholder={t('subscribers.searchPlaceholder')}
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              w={320}
              maw="100%"
              type="search"
            />
            <Select
              label={t('subscribers.status')}
              placeholder={t('common.any')}
              data={SUBSCRIBER_STATUSES.map((s) => ({ value: s, label: t(`subscriberStatus.${s}`) }))}
              value={status ?? null}
              onChange={(v) => update({ status: v ?? undefined })}
              clearable
              w={180}
            />
            <Select
              label={t('subscribers.list')}
              placeholder={t('common.any')}
              data={(lists.data ?? []).map((l) => ({ value: String(l.id), label: l.name }))}
              value={listId ? String(listId) : null}
              onChange={(v) => update({ listId: v ?? undefined })}
              clearable
              searchable
              w={220}
            />
            {importRunId && (
              <Chip checked onChange={() => update({ importRunId: undefined })} data-testid="import-filter">
                {t('subscribers.fromImport', { id: importRunId })}
              </Chip>
            )}
            <Text size="sm" c="dimmed" ml="auto" aria-live="polite">
              {result.data
                ? t('subscribers.count', { count: result.data.total, formatted: fmtNumber(result.data.total) })
                : ' '}
            </Text>
          </Group>
          {result.error && <ErrorState error={result.error} retry={() => void result.refetch()} />}
          <Table.ScrollContainer minWidth={700}>
            <Table
              striped
              highlightOnHover
              verticalSpacing="xs"
              aria-busy={result.isFetching}
              style={{ opacity: result.isPlaceholderData ? 0.6 : 1 }}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('subscribers.email')}</Table.Th>
                  <Table.Th>{t('subscribers.name')}</Table.Th>
                  <Table.Th>{t('subscribers.status')}</Table.Th>
                  <Table.Th>{t('subscribers.locale')}</Table.Th>
                  <Table.Th>{t('subscribers.added')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.data?.items.map((s) => (
                  <Table.Tr
                    key={s.id}
                    className="vm-table-row-link"
                    onClick={() => navigate(`/audience/subscribers/${s.id}`)}
                  >
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/audience/subscribers/${s.id}`}
                        size="sm"
                        onClick={(e) => e.stopPropagation()}
                      >
                        {s.email ?? t('subscribers.erased')}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{s.name}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLORS[s.status]} variant="light" size="sm">
                        {t(`subscriberStatus.${s.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{s.locale}</Table.Td>
                    <Table.Td>{fmtDate(s.createdAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {result.data && result.data.items.length === 0 && (
            <Empty title={t('subscribers.none')}>{t('subscribers.noneHint')}</Empty>
          )}
          <Group justify="center">
            <Pagination
              total={pages}
              value={page}
              onChange={(p) => update({ page: String(p) })}
              withEdges
              siblings={1}
              getControlProps={(c) => ({ 'aria-label': String(c) })}
            />
          </Group>
        </Stack>
      </Paper>
    </>
  );
}

function AddSubscriber() {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const client = useQueryClient();
  const navigate = useNavigate();
  const form = useForm({ initialValues: { email: '', firstName: '', lastName: '', name: '', locale: 'nl' } });
  const create = useMutation({
    mutationFn: subscribersApi.create,
    onSuccess: (s) => {
      notifySuccess(t('subscribers.createdNotice'));
      void client.invalidateQueries({ queryKey: ['subscribers'] });
      close();
      void navigate(`/audience/subscribers/${s.id}`);
    },
    onError: (e) => {
      if (e instanceof ApiError && Object.keys(e.fieldErrors).length) form.setErrors(e.fieldErrors);
      else if (e instanceof ApiError && e.status === 409) form.setErrors({ email: e.message });
      else if (e instanceof ApiError && e.status === 400) form.setErrors({ email: e.message });
      else notifyError(e);
    },
  });
  return (
    <>
      <Button leftSection={<IconPlus size={16} />} onClick={open}>
        {t('subscribers.add')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('subscribers.add')}>
        <form
          onSubmit={form.onSubmit((v) =>
            create.mutate({
              email: v.email,
              firstName: v.firstName || undefined,
              lastName: v.lastName || undefined,
              name: v.name || undefined,
              locale: v.locale,
            }),
          )}
        >
          <Stack>
            <TextInput
              label={t('subscribers.email')}
              required
              type="email"
              {...form.getInputProps('email')}
              data-autofocus
            />
            <Group grow>
              <TextInput label={t('subscribers.firstName')} {...form.getInputProps('firstName')} />
              <TextInput label={t('subscribers.lastName')} {...form.getInputProps('lastName')} />
            </Group>
            <TextInput
              label={t('subscribers.name')}
              description={t('subscribers.nameHint')}
              {...form.getInputProps('name')}
            />
            <Select
              label={t('subscribers.locale')}
              data={[
                { value: 'nl', label: 'Nederlands' },
                { value: 'en', label: 'English' },
              ]}
              {...form.getInputProps('locale')}
              allowDeselect={false}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
