import {
  Alert,
  Anchor,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError, errorMessage } from '../api/errors';
import { LANGUAGES, setLanguage } from '../i18n';
import { Logo } from '../layout/Logo';
import { useAuth } from './AuthProvider';

export function SignInPage() {
  const { t, i18n } = useTranslation();
  const { user, signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (/^\S+@\S+$/.test(v) ? null : t('signIn.emailInvalid')),
      password: (v) => (v ? null : t('signIn.passwordRequired')),
    },
  });
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  if (user) return <Navigate to={from} replace />;

  const submit = form.onSubmit(async ({ email, password }) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
      void navigate(from, { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setError(t('signIn.wrong'));
      else if (e instanceof ApiError && e.status === 429) setError(t('signIn.tooMany'));
      else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  });

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper component="main" withBorder shadow="sm" p="xl" radius="md" w={400} maw="100%">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Group justify="space-between" align="center">
              <Logo />
              <Select
                aria-label={t('profile.language')}
                data={LANGUAGES.map((l) => ({ value: l.value, label: l.label }))}
                value={i18n.language}
                onChange={(v) => v && setLanguage(v)}
                w={130}
                size="xs"
                allowDeselect={false}
              />
            </Group>
            <Title order={1} size="h3">
              {t('signIn.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('signIn.intro')}
            </Text>
            {error && (
              <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
                {error}
              </Alert>
            )}
            <TextInput
              label={t('signIn.email')}
              type="email"
              autoComplete="username"
              required
              {...form.getInputProps('email')}
              data-autofocus
              autoFocus
            />
            <PasswordInput
              label={t('signIn.password')}
              autoComplete="current-password"
              required
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={busy} fullWidth>
              {t('signIn.submit')}
            </Button>
            <Text size="xs" c="dimmed">
              {t('signIn.forgot')}{' '}
              <Anchor href="/api/docs" size="xs">
                {t('signIn.apiDocs')}
              </Anchor>
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
