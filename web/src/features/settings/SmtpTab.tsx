import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { settingsApi } from '../../api/endpoints';
import { useAuth } from '../../auth/AuthProvider';
import { notifyError, notifySuccess } from '../../components/notify';
import { ErrorState, Loading } from '../../components/States';

// Transports come from the environment (SMTP_URL, SMTP_TRANSPORTS): listed here without passwords, each testable.
export function SmtpTab() {
  const { t } = useTranslation();
  const { user, can } = useAuth();
  const transports = useQuery({ queryKey: ['smtp'], queryFn: settingsApi.smtp, enabled: can.admin });
  const [to, setTo] = useState(user?.email ?? '');
  const [busy, setBusy] = useState<string | null>(null);
  if (!can.admin) return <Alert color="gray">{t('settings.secretsAdminOnly')}</Alert>;
  if (transports.isLoading) return <Loading />;
  if (transports.error) return <ErrorState error={transports.error} />;
  const test = async (name: string) => {
    setBusy(name);
    try {
      const r = await settingsApi.testSmtp(name, to);
      notifySuccess(t('settings.smtp.sent', { to: r.accepted.join(', ') || to, response: r.response }));
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Paper withBorder p="md">
      <Stack>
        <Text size="sm">{t('settings.smtp.intro')}</Text>
        <Text size="xs" c="dimmed">
          {t('settings.smtp.environmentHint')}
        </Text>
        {can.admin && (
          <TextInput
            label={t('settings.smtp.testTo')}
            type="email"
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            maw={360}
          />
        )}
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('settings.smtp.name')}</Table.Th>
                <Table.Th>{t('settings.smtp.server')}</Table.Th>
                <Table.Th>{t('settings.smtp.user')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {transports.data?.transports.map((x) => (
                <Table.Tr key={x.name}>
                  <Table.Td>
                    <Group gap="xs">
                      <Text fw={600}>{x.name}</Text>
                      <Badge variant="light" color="gray">
                        {t('settings.fromEnvironment')}
                      </Badge>
                      {x.devInbox && <Badge variant="light">{t('settings.smtp.devInbox')}</Badge>}
                      {x.secure && (
                        <Badge variant="outline" color="teal">
                          TLS
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {x.host}:{x.port}
                    </Text>
                  </Table.Td>
                  <Table.Td>{x.username ?? '–'}</Table.Td>
                  <Table.Td ta="right">
                    {can.admin && (
                      <Button
                        size="xs"
                        variant="light"
                        leftSection={<IconSend size={14} />}
                        loading={busy === x.name}
                        disabled={!to}
                        onClick={() => void test(x.name)}
                      >
                        {t('settings.smtp.sendTest')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {transports.data?.transports.some((x) => x.devInbox) && (
          <Text size="sm">
            {t('settings.smtp.devInboxHint')}{' '}
            <a href="/inbox" target="_blank" rel="noreferrer">
              /inbox
            </a>
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
