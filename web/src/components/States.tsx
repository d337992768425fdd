import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../api/errors';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl">
      <Loader role="status" aria-label={label ?? t('common.loading')} />
    </Center>
  );
}

/** A failed query: the server's sentence, and a retry. 404 from a not-yet-merged endpoint reads as "not available". */
export function ErrorState({ error, retry, compact }: { error: unknown; retry?: () => void; compact?: boolean }) {
  const { t } = useTranslation();
  const unavailable = error instanceof ApiError && error.status === 404 && /^Cannot (GET|POST)/.test(error.message);
  return (
    <Alert
      color={unavailable ? 'gray' : 'red'}
      icon={<IconAlertTriangle size={18} />}
      title={compact ? undefined : unavailable ? t('common.unavailableTitle') : t('common.errorTitle')}
      role="alert"
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{unavailable ? t('common.unavailable') : errorMessage(error)}</Text>
        {retry && !unavailable && (
          <Button size="xs" variant="light" color="red" onClick={retry}>
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function Empty({ title, children, icon }: { title: string; children?: ReactNode; icon?: ReactNode }) {
  return (
    <Center py="xl">
      <Stack align="center" gap="xs" maw={420} ta="center">
        {icon ?? <IconInbox size={36} color="var(--mantine-color-gray-5)" aria-hidden />}
        <Text fw={600}>{title}</Text>
        {children && (
          <Text size="sm" c="dimmed">
            {children}
          </Text>
        )}
      </Stack>
    </Center>
  );
}
