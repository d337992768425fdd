import { Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { settingsApi } from '../../api/endpoints';
import { ApiError, fieldErrorsOf } from '../../api/errors';
import type { TrackingSettings } from '../../api/types';
import { useCan } from '../../auth/AuthProvider';
import { notifyError, notifySuccess } from '../../components/notify';
import { ErrorState, Loading } from '../../components/States';

export function TrackingTab() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const settings = useQuery({ queryKey: ['settings'], queryFn: settingsApi.get });
  const form = useForm<TrackingSettings>({
    initialValues: {
      ipMode: 'truncate',
      openTracking: true,
      clickTracking: true,
      machineOpenWindowSeconds: 1,
      machineClickWindowSeconds: 2,
      attributionWindowDays: 7,
    },
  });
  useEffect(() => {
    if (settings.data?.tracking) form.setValues(settings.data.tracking);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (tracking: TrackingSettings) => settingsApi.update({ tracking }),
    onSuccess: (s) => {
      client.setQueryData(['settings'], s);
      notifySuccess(t('common.saved'));
    },
    onError: (e) =>
      e instanceof ApiError && Object.keys(e.fieldErrors).length
        ? form.setErrors(fieldErrorsOf(e.details, { stripPrefix: 'tracking.' }))
        : notifyError(e),
  });
  if (settings.isLoading) return <Loading />;
  if (settings.error) return <ErrorState error={settings.error} />;
  const off = !can.admin;
  return (
    <Paper withBorder p="md" maw={760}>
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack>
          <Text size="sm" c="dimmed">
            {t('settings.tracking.intro')}
          </Text>
          <Switch
            label={t('settings.tracking.openTracking')}
            description={t('settings.tracking.openHint')}
            {...form.getInputProps('openTracking', { type: 'checkbox' })}
            disabled={off}
          />
          <Switch
            label={t('settings.tracking.clickTracking')}
            description={t('settings.tracking.clickHint')}
            {...form.getInputProps('clickTracking', { type: 'checkbox' })}
            disabled={off}
          />
          <Select
            label={t('settings.tracking.ipMode')}
            description={t('settings.tracking.ipHint')}
            data={(['truncate', 'hash', 'none'] as const).map((m) => ({
              value: m,
              label: t(`settings.tracking.ipModes.${m}`),
            }))}
            allowDeselect={false}
            {...form.getInputProps('ipMode')}
            disabled={off}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput
              label={t('settings.tracking.machineOpen')}
              min={0}
              max={3600}
              suffix=" s"
              {...form.getInputProps('machineOpenWindowSeconds')}
              disabled={off}
            />
            <NumberInput
              label={t('settings.tracking.machineClick')}
              min={0}
              max={3600}
              suffix=" s"
              {...form.getInputProps('machineClickWindowSeconds')}
              disabled={off}
            />
            <NumberInput
              label={t('settings.tracking.attribution')}
              min={1}
              max={3650}
              {...form.getInputProps('attributionWindowDays')}
              disabled={off}
            />
          </SimpleGrid>
          {can.admin && (
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
