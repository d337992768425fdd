import { Alert, Badge, Button, Code, CopyButton, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keysApi } from '../../api/endpoints';
import type { CreatedApiKey } from '../../api/types';
import { useCan } from '../../auth/AuthProvider';
import { ConfirmButton } from '../../components/ConfirmButton';
import { notifyError } from '../../components/notify';
import { ErrorState, Loading } from '../../components/States';
import { fmtDateTime } from '../../lib/format';

export function ApiKeysTab() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const keys = useQuery({ queryKey: ['keys'], queryFn: keysApi.list, enabled: can.admin });
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [busy, setBusy] = useState(false);
  if (!can.admin) return <Alert color="gray">{t('settings.adminOnly')}</Alert>;
  if (keys.isLoading) return <Loading />;
  if (keys.error) return <ErrorState error={keys.error} />;
  const create = async () => {
    setBusy(true);
    try {
      setCreated(await keysApi.create(name.trim()));
      setName('');
      void client.invalidateQueries({ queryKey: ['keys'] });
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack>
      <Paper withBorder p="md">
        <Text size="sm" c="dimmed" mb="sm">
          {t('settings.keys.intro')}
        </Text>
        <Group align="flex-end">
          <TextInput
            label={t('settings.keys.name')}
            placeholder="crm-sync"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            w={280}
          />
          <Button
            leftSection={<IconKey size={16} />}
            onClick={() => void create()}
            loading={busy}
            disabled={!name.trim()}
          >
            {t('settings.keys.create')}
          </Button>
        </Group>
        {created && (
          <Alert
            color="yellow"
            mt="md"
            title={t('settings.keys.createdTitle', { name: created.name })}
            withCloseButton
            onClose={() => setCreated(null)}
          >
            <Text size="sm">{t('settings.keys.createdHint')}</Text>
            <Group mt="xs" gap="xs">
              <Code>{created.key}</Code>
              <CopyButton value={created.key}>
                {({ copied, copy }) => (
                  <Button size="compact-xs" variant="light" onClick={copy}>
                    {copied ? t('common.copied') : t('common.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Alert>
        )}
      </Paper>
      <Paper withBorder p="md">
        <Table.ScrollContainer minWidth={600}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('settings.keys.name')}</Table.Th>
                <Table.Th>{t('settings.keys.prefix')}</Table.Th>
                <Table.Th>{t('settings.keys.created')}</Table.Th>
                <Table.Th>{t('settings.keys.lastUsed')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.data?.map((k) => (
                <Table.Tr key={k.id}>
                  <Table.Td>{k.name}</Table.Td>
                  <Table.Td>
                    <Code>{k.prefix}…</Code>
                  </Table.Td>
                  <Table.Td>{fmtDateTime(k.createdAt)}</Table.Td>
                  <Table.Td>{fmtDateTime(k.lastUsedAt)}</Table.Td>
                  <Table.Td ta="right">
                    {k.revokedAt ? (
                      <Badge color="gray">{t('settings.keys.revoked')}</Badge>
                    ) : (
                      <ConfirmButton
                        size="xs"
                        variant="subtle"
                        title={t('settings.keys.revokeTitle')}
                        message={t('settings.keys.revokeMessage', { name: k.name })}
                        confirmLabel={t('settings.keys.revoke')}
                        onConfirm={async () => {
                          try {
                            await keysApi.revoke(k.id);
                            void client.invalidateQueries({ queryKey: ['keys'] });
                          } catch (e) {
                            notifyError(e);
                          }
                        }}
                      >
                        {t('settings.keys.revoke')}
                      </ConfirmButton>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}
