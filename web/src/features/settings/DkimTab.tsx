import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { settingsApi } from '../../api/endpoints';
import { ApiError } from '../../api/errors';
import type { DkimSettings } from '../../api/types';
import { useCan } from '../../auth/AuthProvider';
import { ConfirmButton } from '../../components/ConfirmButton';
import { notifyError, notifySuccess } from '../../components/notify';
import { ErrorState, Loading } from '../../components/States';

export function DkimTab() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const dkim = useQuery({ queryKey: ['dkim'], queryFn: settingsApi.dkim, enabled: can.admin });
  const [domain, setDomain] = useState('');
  const [selector, setSelector] = useState('vm' + new Date().getFullYear());
  const [privateKey, setPrivateKey] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const done = (d: DkimSettings) => {
    client.setQueryData(['dkim'], d);
    setErrors({});
    notifySuccess(t('common.saved'));
  };
  const fail = (e: unknown) =>
    e instanceof ApiError && Object.keys(e.fieldErrors).length ? setErrors(e.fieldErrors) : notifyError(e);
  const generate = useMutation({
    mutationFn: () => settingsApi.generateDkim({ domain, selector }),
    onSuccess: done,
    onError: fail,
  });
  const put = useMutation({
    mutationFn: () => settingsApi.putDkim({ domain, selector, privateKey }),
    onSuccess: done,
    onError: fail,
  });
  if (!can.admin) return <Alert color="gray">{t('settings.secretsAdminOnly')}</Alert>;
  if (dkim.isLoading) return <Loading />;
  if (dkim.error) return <ErrorState error={dkim.error} />;
  const d = dkim.data!;
  return (
    <Stack>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            {t('settings.dkim.current')}
          </Title>
          <Badge color={d.enabled ? 'teal' : 'gray'}>
            {d.enabled ? t('settings.dkim.signing') : t('settings.dkim.notSigning')}
          </Badge>
        </Group>
        {d.enabled ? (
          <Stack gap="xs">
            <Text size="sm">
              {t('settings.dkim.domainSelector', { domain: d.domain, selector: d.selector, bits: d.keyBits ?? '?' })} ·{' '}
              {t(`settings.dkim.source.${d.source ?? 'settings'}`)}
            </Text>
            {d.dnsRecord && (
              <>
                <Text size="sm" fw={600}>
                  {t('settings.dkim.publish')}
                </Text>
                <Table withTableBorder>
                  <Table.Tbody>
                    <Table.Tr>
                      <Table.Td w={80}>{t('settings.dkim.recordName')}</Table.Td>
                      <Table.Td>
                        <Code>{d.dnsRecord.name}</Code>
                      </Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Td>{t('settings.dkim.recordType')}</Table.Td>
                      <Table.Td>
                        <Code>{d.dnsRecord.type}</Code>
                      </Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Td>{t('settings.dkim.recordValue')}</Table.Td>
                      <Table.Td>
                        <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
                          {d.dnsRecord.value}
                        </Code>
                        <CopyButton value={d.dnsRecord.value}>
                          {({ copied, copy }) => (
                            <Button size="xs" variant="subtle" onClick={copy} mt={4}>
                              {copied ? t('common.copied') : t('common.copy')}
                            </Button>
                          )}
                        </CopyButton>
                      </Table.Td>
                    </Table.Tr>
                  </Table.Tbody>
                </Table>
              </>
            )}
            {can.admin && d.source === 'settings' && (
              <Group>
                <ConfirmButton
                  variant="light"
                  title={t('settings.dkim.removeTitle')}
                  message={t('settings.dkim.removeMessage')}
                  confirmLabel={t('settings.dkim.remove')}
                  onConfirm={async () => {
                    try {
                      client.setQueryData(['dkim'], await settingsApi.removeDkim());
                    } catch (e) {
                      notifyError(e);
                    }
                  }}
                >
                  {t('settings.dkim.remove')}
                </ConfirmButton>
              </Group>
            )}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t('settings.dkim.none')}
          </Text>
        )}
      </Paper>
      {can.admin && (
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">
            {t('settings.dkim.setUp')}
          </Title>
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('settings.dkim.domain')}
                placeholder="shop.example"
                value={domain}
                onChange={(e) => setDomain(e.currentTarget.value)}
                error={errors.domain}
                required
              />
              <TextInput
                label={t('settings.dkim.selector')}
                value={selector}
                onChange={(e) => setSelector(e.currentTarget.value)}
                error={errors.selector}
                required
              />
            </SimpleGrid>
            <Alert color="blue" p="xs">
              <Text size="sm">{t('settings.dkim.generateHint')}</Text>
            </Alert>
            <Group>
              <Button onClick={() => generate.mutate()} loading={generate.isPending} disabled={!domain || !selector}>
                {t('settings.dkim.generate')}
              </Button>
            </Group>
            <Textarea
              label={t('settings.dkim.privateKey')}
              description={t('settings.dkim.privateKeyHint')}
              autosize
              minRows={4}
              value={privateKey}
              onChange={(e) => setPrivateKey(e.currentTarget.value)}
              error={errors.privateKey}
              styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
            />
            <Group>
              <Button
                variant="default"
                onClick={() => put.mutate()}
                loading={put.isPending}
                disabled={!domain || !selector || !privateKey}
              >
                {t('settings.dkim.useKey')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
