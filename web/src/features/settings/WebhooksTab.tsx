import {
  Accordion,
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  Modal,
  MultiSelect,
  Pagination,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconKey, IconPlus, IconRefresh, IconSend, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { webhooksApi } from '../../api/endpoints';
import { ApiError } from '../../api/errors';
import type { Webhook, WebhookInput } from '../../api/types';
import { useCan } from '../../auth/AuthProvider';
import { ConfirmButton } from '../../components/ConfirmButton';
import { notifyError, notifySuccess } from '../../components/notify';
import { Empty, ErrorState, Loading } from '../../components/States';
import { fmtDateTime } from '../../lib/format';

const STATUS_COLORS: Record<string, string> = {
  delivered: 'teal',
  succeeded: 'teal',
  pending: 'blue',
  retrying: 'yellow',
  failed: 'red',
  dead: 'red',
};

export function WebhooksTab() {
  const { t } = useTranslation();
  const can = useCan();
  const hooks = useQuery({ queryKey: ['webhooks'], queryFn: webhooksApi.list, enabled: can.admin });
  const [secret, setSecret] = useState<string | null>(null);
  if (!can.admin) return <Alert color="gray">{t('settings.secretsAdminOnly')}</Alert>;
  if (hooks.isLoading) return <Loading />;
  if (hooks.error) return <ErrorState error={hooks.error} />;
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={640}>
          {t('settings.webhooks.intro')}
        </Text>
        {can.admin && <WebhookForm onCreated={setSecret} />}
      </Group>
      {secret && (
        <Alert
          color="yellow"
          title={t('settings.webhooks.secretTitle')}
          withCloseButton
          onClose={() => setSecret(null)}
        >
          <Text size="sm">{t('settings.webhooks.secretHint')}</Text>
          <Code block mt="xs">
            {secret}
          </Code>
        </Alert>
      )}
      {hooks.data?.length === 0 && <Empty title={t('settings.webhooks.none')} />}
      <Accordion variant="separated" chevronPosition="left">
        {hooks.data?.map((h) => (
          <Accordion.Item key={h.id} value={String(h.id)}>
            <Accordion.Control>
              <Group justify="space-between" wrap="nowrap" pr="sm">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text fw={600} truncate>
                    {h.name}
                  </Text>
                  <Text size="xs" c="dimmed" truncate ff="monospace">
                    {h.url}
                  </Text>
                </Stack>
                <Group gap={4} wrap="nowrap">
                  <Badge color={h.enabled ? 'teal' : 'gray'} variant="light">
                    {h.enabled ? t('settings.webhooks.enabled') : t('settings.webhooks.disabled')}
                  </Badge>
                  <Badge variant="outline">
                    {h.events.includes('*')
                      ? t('settings.webhooks.allEvents')
                      : t('settings.webhooks.eventCount', { count: h.events.length })}
                  </Badge>
                </Group>
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <WebhookDetail hook={h} onSecret={setSecret} />
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Stack>
  );
}

function WebhookDetail({ hook: h, onSecret }: { hook: Webhook; onSecret: (secret: string) => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const [page, setPage] = useState(1);
  const deliveries = useQuery({
    queryKey: ['webhook-deliveries', h.id, page],
    queryFn: () => webhooksApi.deliveries(h.id, page),
    refetchInterval: 5000,
  });
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['webhooks'] });
    void client.invalidateQueries({ queryKey: ['webhook-deliveries', h.id] });
  };
  const toggle = useMutation({
    mutationFn: (enabled: boolean) => webhooksApi.update(h.id, { enabled }),
    onSuccess: refresh,
    onError: (e) => notifyError(e),
  });
  const act = async (call: () => Promise<unknown>, message: string) => {
    try {
      await call();
      notifySuccess(message);
      refresh();
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Stack>
      {h.description && <Text size="sm">{h.description}</Text>}
      {h.disabledReason && (
        <Alert color="red" p="xs">
          {h.disabledReason}
        </Alert>
      )}
      <Group gap="xs">
        {h.events.map((e) => (
          <Badge key={e} variant="light" size="sm">
            {e}
          </Badge>
        ))}
      </Group>
      <Text size="xs" c="dimmed">
        {t('settings.webhooks.secretEnds', { hint: h.secretHint })} ·{' '}
        {t('settings.webhooks.lastSuccess', { when: fmtDateTime(h.lastSuccessAt) })}
      </Text>
      {can.write && (
        <Group>
          {/* Endpoints receive subscriber data: changing them is for admins; testing and retrying for marketers too. */}
          {can.admin && (
            <Switch
              label={t('settings.webhooks.enabled')}
              checked={h.enabled}
              onChange={(e) => toggle.mutate(e.currentTarget.checked)}
            />
          )}
          <Button
            size="xs"
            variant="light"
            leftSection={<IconSend size={14} />}
            onClick={() => void act(() => webhooksApi.test(h.id), t('settings.webhooks.testQueued'))}
          >
            {t('settings.webhooks.test')}
          </Button>
          {can.admin && (
            <ConfirmButton
              size="xs"
              variant="subtle"
              color="orange"
              leftSection={<IconKey size={14} />}
              title={t('settings.webhooks.rotateTitle')}
              message={t('settings.webhooks.rotateMessage')}
              confirmLabel={t('settings.webhooks.rotate')}
              onConfirm={async () => {
                try {
                  onSecret((await webhooksApi.rotateSecret(h.id)).secret);
                  refresh();
                } catch (e) {
                  notifyError(e);
                }
              }}
            >
              {t('settings.webhooks.rotate')}
            </ConfirmButton>
          )}
          {can.admin && (
            <ConfirmButton
              size="xs"
              variant="subtle"
              leftSection={<IconTrash size={14} />}
              title={t('settings.webhooks.deleteTitle')}
              message={t('settings.webhooks.deleteMessage', { name: h.name })}
              confirmLabel={t('common.delete')}
              onConfirm={() => act(() => webhooksApi.remove(h.id), t('common.deleted'))}
            >
              {t('common.delete')}
            </ConfirmButton>
          )}
        </Group>
      )}
      <Text fw={600} size="sm">
        {t('settings.webhooks.log')}
      </Text>
      {deliveries.error && <ErrorState error={deliveries.error} compact />}
      {deliveries.data?.items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('settings.webhooks.noDeliveries')}
        </Text>
      )}
      {!!deliveries.data?.items.length && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('profile.when')}</Table.Th>
                <Table.Th>{t('settings.webhooks.event')}</Table.Th>
                <Table.Th>{t('settings.webhooks.status')}</Table.Th>
                <Table.Th>{t('settings.webhooks.attempts')}</Table.Th>
                <Table.Th>{t('settings.webhooks.response')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {deliveries.data.items.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>{fmtDateTime(d.createdAt)}</Table.Td>
                  <Table.Td>
                    <Code>{d.event}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" color={STATUS_COLORS[d.status] ?? 'gray'} variant="light">
                      {d.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {d.attempts}/{d.maxAttempts}
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={d.lastError ?? ''} disabled={!d.lastError} multiline w={300}>
                      <Text size="sm">{d.lastStatusCode ?? (d.lastError ? t('settings.webhooks.noAnswer') : '–')}</Text>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td ta="right">
                    {can.write && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        leftSection={<IconRefresh size={12} />}
                        onClick={() => void act(() => webhooksApi.retry(d.id), t('settings.webhooks.retryQueued'))}
                      >
                        {t('settings.webhooks.retry')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {deliveries.data && deliveries.data.total > deliveries.data.limit && (
        <Pagination
          size="sm"
          total={Math.ceil(deliveries.data.total / deliveries.data.limit)}
          value={page}
          onChange={setPage}
        />
      )}
    </Stack>
  );
}

function WebhookForm({ onCreated }: { onCreated: (secret: string) => void }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const client = useQueryClient();
  const events = useQuery({ queryKey: ['webhook-events'], queryFn: webhooksApi.events, enabled: opened });
  const form = useForm<WebhookInput & { all: boolean }>({
    initialValues: { name: '', url: '', events: [], description: '', includeMachine: false, all: true },
  });
  const create = useMutation({
    mutationFn: ({ all, ...v }: WebhookInput & { all: boolean }) =>
      webhooksApi.create({ ...v, events: all ? ['*'] : v.events }),
    onSuccess: (h) => {
      void client.invalidateQueries({ queryKey: ['webhooks'] });
      onCreated(h.secret);
      close();
      form.reset();
    },
    onError: (e) =>
      e instanceof ApiError && Object.keys(e.fieldErrors).length
        ? form.setErrors(e.fieldErrors)
        : e instanceof ApiError && e.status === 400
          ? form.setErrors({ url: e.message })
          : notifyError(e),
  });
  return (
    <>
      <Button leftSection={<IconPlus size={16} />} onClick={open}>
        {t('settings.webhooks.add')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('settings.webhooks.add')} size="lg">
        <form onSubmit={form.onSubmit((v) => create.mutate(v))}>
          <Stack>
            <TextInput label={t('settings.webhooks.name')} required {...form.getInputProps('name')} data-autofocus />
            <TextInput
              label={t('settings.webhooks.url')}
              placeholder="https://"
              required
              {...form.getInputProps('url')}
            />
            <Textarea label={t('settings.webhooks.description')} autosize {...form.getInputProps('description')} />
            <Checkbox label={t('settings.webhooks.allEvents')} {...form.getInputProps('all', { type: 'checkbox' })} />
            {!form.values.all && (
              <MultiSelect
                label={t('settings.webhooks.events')}
                data={(events.data ?? []).map((e) => ({ value: e.name, label: `${e.name} — ${e.description}` }))}
                searchable
                {...form.getInputProps('events')}
              />
            )}
            <Checkbox
              label={t('settings.webhooks.includeMachine')}
              {...form.getInputProps('includeMachine', { type: 'checkbox' })}
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
