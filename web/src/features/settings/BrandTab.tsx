import { Button, ColorInput, Grid, Group, Image, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { settingsApi } from '../../api/endpoints';
import { ApiError, fieldErrorsOf } from '../../api/errors';
import type { Brand } from '../../api/types';
import { useCan } from '../../auth/AuthProvider';
import { notifyError, notifySuccess } from '../../components/notify';
import { ErrorState, Loading } from '../../components/States';

export function BrandTab() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const settings = useQuery({ queryKey: ['settings'], queryFn: settingsApi.get });
  const form = useForm<Record<keyof Brand, string>>({
    initialValues: { name: '', logoUrl: '', color: '#4f46e5', postalAddress: '', website: '' },
  });
  useEffect(() => {
    const b = settings.data?.brand;
    if (b)
      form.setValues({
        name: b.name,
        logoUrl: b.logoUrl ?? '',
        color: b.color,
        postalAddress: b.postalAddress,
        website: b.website ?? '',
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settings.data]);
  const save = useMutation({
    // Empty optional fields go back to their default (null), as the API defines.
    mutationFn: (v: Record<keyof Brand, string>) =>
      settingsApi.update({
        brand: {
          name: v.name || null,
          logoUrl: v.logoUrl || null,
          color: v.color || null,
          postalAddress: v.postalAddress || null,
          website: v.website || null,
        },
      }),
    onSuccess: (s) => {
      client.setQueryData(['settings'], s);
      notifySuccess(t('common.saved'));
    },
    onError: (e) =>
      e instanceof ApiError && Object.keys(e.fieldErrors).length
        ? form.setErrors(fieldErrorsOf(e.details, { stripPrefix: 'brand.' }))
        : notifyError(e),
  });
  if (settings.isLoading) return <Loading />;
  if (settings.error) return <ErrorState error={settings.error} />;
  const v = form.values;
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Paper withBorder p="md">
          <form onSubmit={form.onSubmit((values) => save.mutate(values))}>
            <Stack>
              <Text size="sm" c="dimmed">
                {t('settings.brand.intro')}
              </Text>
              <TextInput label={t('settings.brand.name')} {...form.getInputProps('name')} disabled={!can.admin} />
              <TextInput
                label={t('settings.brand.logoUrl')}
                description={t('settings.brand.logoHint')}
                placeholder="https://"
                {...form.getInputProps('logoUrl')}
                disabled={!can.admin}
              />
              <ColorInput
                label={t('settings.brand.color')}
                format="hex"
                eyeDropperButtonProps={{ 'aria-label': t('settings.brand.pickColor') }}
                {...form.getInputProps('color')}
                disabled={!can.admin}
              />
              <Textarea
                label={t('settings.brand.postalAddress')}
                description={t('settings.brand.postalHint')}
                placeholder={t('settings.brand.postalPlaceholder')}
                autosize
                minRows={3}
                {...form.getInputProps('postalAddress')}
                disabled={!can.admin}
              />
              <TextInput
                label={t('settings.brand.website')}
                placeholder="https://"
                {...form.getInputProps('website')}
                disabled={!can.admin}
              />
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
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Paper withBorder p={0} style={{ overflow: 'hidden' }} aria-label={t('settings.brand.preview')}>
          <Group p="md" style={{ background: /^#[0-9a-f]{3,6}$/i.test(v.color) ? v.color : '#4f46e5' }}>
            {v.logoUrl ? (
              <Image src={v.logoUrl} alt={v.name} h={32} w="auto" fit="contain" />
            ) : (
              <Title order={3} c="white" size="h4">
                {v.name || 'valuemail'}
              </Title>
            )}
          </Group>
          <Stack p="md" gap="xs">
            <Text size="sm">{t('settings.brand.sampleBody')}</Text>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-line' }}>
              {v.postalAddress || t('settings.brand.noAddress')}
            </Text>
          </Stack>
        </Paper>
      </Grid.Col>
    </Grid>
  );
}
