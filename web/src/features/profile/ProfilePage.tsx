import { Button, Group, Paper, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi } from '../../api/endpoints';
import { ApiError } from '../../api/errors';
import { useAuth } from '../../auth/AuthProvider';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { LANGUAGES } from '../../i18n';

export default function ProfilePage() {
  const { t } = useTranslation();
  const { user, replace } = useAuth();
  const [busy, setBusy] = useState<string | null>(null);
  const details = useForm({ initialValues: { name: user?.name ?? '', locale: user?.locale ?? 'en' } });
  const password = useForm({
    initialValues: { currentPassword: '', newPassword: '', repeat: '' },
    validate: { repeat: (v, values) => (v === values.newPassword ? null : t('profile.passwordsDiffer')) },
  });
  const saveDetails = details.onSubmit(async (v) => {
    setBusy('details');
    try {
      replace(await authApi.updateMe({ name: v.name, locale: v.locale }));
      notifySuccess(t('common.saved'));
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fieldErrors).length) details.setErrors(e.fieldErrors);
      else notifyError(e);
    } finally {
      setBusy(null);
    }
  });
  const savePassword = password.onSubmit(async (v) => {
    setBusy('password');
    try {
      replace(await authApi.updateMe({ currentPassword: v.currentPassword, newPassword: v.newPassword }));
      password.reset();
      notifySuccess(t('profile.passwordChanged'));
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fieldErrors).length) password.setErrors(e.fieldErrors);
      else if (e instanceof ApiError && (e.status === 400 || e.status === 403))
        password.setErrors({ currentPassword: e.message });
      else notifyError(e);
    } finally {
      setBusy(null);
    }
  });
  return (
    <>
      <PageHeader
        title={t('profile.title')}
        description={user ? `${user.email} · ${t(`roles.${user.role}`)}` : undefined}
      />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md" id="language">
          <form onSubmit={saveDetails}>
            <Stack>
              <Title order={2} size="h4">
                {t('profile.details')}
              </Title>
              <TextInput label={t('settings.users.name')} {...details.getInputProps('name')} />
              <Select
                label={t('profile.language')}
                description={t('profile.languageHint')}
                data={LANGUAGES.map((l) => ({ value: l.value, label: l.label }))}
                allowDeselect={false}
                {...details.getInputProps('locale')}
                data-testid="profile-language"
              />
              <Group justify="flex-end">
                <Button type="submit" loading={busy === 'details'}>
                  {t('common.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
        <Paper withBorder p="md">
          <form onSubmit={savePassword}>
            <Stack>
              <Title order={2} size="h4">
                {t('profile.password')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('profile.passwordHint')}
              </Text>
              <PasswordInput
                label={t('profile.currentPassword')}
                autoComplete="current-password"
                required
                {...password.getInputProps('currentPassword')}
              />
              <PasswordInput
                label={t('profile.newPassword')}
                autoComplete="new-password"
                required
                {...password.getInputProps('newPassword')}
              />
              <PasswordInput
                label={t('profile.repeatPassword')}
                autoComplete="new-password"
                required
                {...password.getInputProps('repeat')}
              />
              <Group justify="flex-end">
                <Button type="submit" loading={busy === 'password'}>
                  {t('profile.changePassword')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      </SimpleGrid>
    </>
  );
}
