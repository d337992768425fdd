import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Modal,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usersApi } from '../../api/endpoints';
import { ApiError } from '../../api/errors';
import type { ManagedUser, Role } from '../../api/types';
import { useAuth } from '../../auth/AuthProvider';
import { ConfirmButton } from '../../components/ConfirmButton';
import { notifyError, notifySuccess } from '../../components/notify';
import { ErrorState, Loading } from '../../components/States';
import { fmtDateTime } from '../../lib/format';

const ROLES: Role[] = ['admin', 'marketer', 'viewer'];

export function UsersTab() {
  const { t } = useTranslation();
  const { can, user: me } = useAuth();
  const client = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: usersApi.list, enabled: can.admin });
  const [generated, setGenerated] = useState<{ email: string; password: string } | null>(null);
  const update = useMutation({
    mutationFn: ({ id, body }: { id: number; body: Parameters<typeof usersApi.update>[1] }) =>
      usersApi.update(id, body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['users'] });
      notifySuccess(t('common.saved'));
    },
    onError: (e) => notifyError(e),
  });
  if (!can.admin) return <Alert color="gray">{t('settings.adminOnly')}</Alert>;
  if (users.isLoading) return <Loading />;
  if (users.error) return <ErrorState error={users.error} />;
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={640}>
          {t('settings.users.intro')}
        </Text>
        <AddUser onGenerated={setGenerated} />
      </Group>
      {generated && (
        <Alert
          color="yellow"
          title={t('settings.users.generatedTitle', { email: generated.email })}
          withCloseButton
          onClose={() => setGenerated(null)}
        >
          <Text size="sm">{t('settings.users.generatedHint')}</Text>
          <Code mt="xs">{generated.password}</Code>
        </Alert>
      )}
      <Paper withBorder p="md">
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('settings.users.person')}</Table.Th>
                <Table.Th>{t('settings.users.role')}</Table.Th>
                <Table.Th>{t('profile.language')}</Table.Th>
                <Table.Th>{t('settings.users.lastLogin')}</Table.Th>
                <Table.Th>{t('settings.users.active')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data?.map((u: ManagedUser) => (
                <Table.Tr key={u.id}>
                  <Table.Td>
                    <Text fw={600} size="sm">
                      {u.name}{' '}
                      {u.id === me?.id && (
                        <Badge size="xs" variant="light">
                          {t('settings.users.you')}
                        </Badge>
                      )}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {u.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('settings.users.roleFor', { email: u.email })}
                      size="xs"
                      w={140}
                      data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                      value={u.role}
                      onChange={(v) => v && v !== u.role && update.mutate({ id: u.id, body: { role: v as Role } })}
                      allowDeselect={false}
                    />
                  </Table.Td>
                  <Table.Td>{u.locale === 'nl' ? 'Nederlands' : 'English'}</Table.Td>
                  <Table.Td>{fmtDateTime(u.lastLoginAt)}</Table.Td>
                  <Table.Td>
                    <Switch
                      aria-label={t('settings.users.activeFor', { email: u.email })}
                      checked={!u.disabled}
                      onChange={(e) => update.mutate({ id: u.id, body: { disabled: !e.currentTarget.checked } })}
                      disabled={u.id === me?.id}
                    />
                  </Table.Td>
                  <Table.Td ta="right">
                    {u.id !== me?.id && (
                      <ConfirmButton
                        size="xs"
                        variant="subtle"
                        title={t('settings.users.removeTitle')}
                        message={t('settings.users.removeMessage', { email: u.email })}
                        confirmLabel={t('common.delete')}
                        onConfirm={async () => {
                          try {
                            await usersApi.remove(u.id);
                            void client.invalidateQueries({ queryKey: ['users'] });
                          } catch (e) {
                            notifyError(e);
                          }
                        }}
                      >
                        {t('common.delete')}
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

function AddUser({ onGenerated }: { onGenerated: (g: { email: string; password: string }) => void }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const client = useQueryClient();
  const form = useForm({
    initialValues: { email: '', name: '', role: 'marketer' as Role, locale: 'nl', password: '' },
  });
  const create = useMutation({
    mutationFn: (v: typeof form.values) =>
      usersApi.create({ ...v, name: v.name || undefined, password: v.password || undefined }),
    onSuccess: (r) => {
      void client.invalidateQueries({ queryKey: ['users'] });
      if (r.generatedPassword) onGenerated({ email: r.user.email, password: r.generatedPassword });
      close();
      form.reset();
    },
    onError: (e) =>
      e instanceof ApiError && Object.keys(e.fieldErrors).length
        ? form.setErrors(e.fieldErrors)
        : e instanceof ApiError && e.status === 409
          ? form.setErrors({ email: e.message })
          : notifyError(e),
  });
  return (
    <>
      <Button leftSection={<IconUserPlus size={16} />} onClick={open}>
        {t('settings.users.add')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('settings.users.add')}>
        <form onSubmit={form.onSubmit((v) => create.mutate(v))}>
          <Stack>
            <TextInput
              label={t('signIn.email')}
              type="email"
              required
              {...form.getInputProps('email')}
              data-autofocus
            />
            <TextInput label={t('settings.users.name')} {...form.getInputProps('name')} />
            <Select
              label={t('settings.users.role')}
              data={ROLES.map((r) => ({ value: r, label: `${t(`roles.${r}`)} — ${t(`roleHints.${r}`)}` }))}
              allowDeselect={false}
              {...form.getInputProps('role')}
            />
            <Select
              label={t('profile.language')}
              data={[
                { value: 'nl', label: 'Nederlands' },
                { value: 'en', label: 'English' },
              ]}
              allowDeselect={false}
              {...form.getInputProps('locale')}
            />
            <PasswordInput
              label={t('settings.users.password')}
              description={t('settings.users.passwordHint')}
              {...form.getInputProps('password')}
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
