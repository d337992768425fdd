import { Badge, Button, Grid, Group, Modal, Paper, Select, Stack, Tabs, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { subscribersApi } from '../../api/endpoints';
import { SUBSCRIBER_STATUSES, type Subscriber } from '../../api/types';
import { useCan } from '../../auth/AuthProvider';
import { ConfirmButton } from '../../components/ConfirmButton';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, Loading } from '../../components/States';
import { STATUS_COLORS } from './SubscribersPage';
import { ConsentPanel, EventTimeline, ExplainPanel, InterestsPanel, PointsPanel } from './profile/ProfileTabs';
import { DetailsCard, LtvCard, ValueCard } from './profile/ValueCard';

export default function SubscriberPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const subscriber = useQuery({ queryKey: ['subscriber', id], queryFn: () => subscribersApi.get(id) });
  const value = useQuery({
    queryKey: ['subscriber', id, 'value'],
    queryFn: () => subscribersApi.value(id),
    retry: false,
  });

  if (subscriber.isLoading) return <Loading />;
  if (subscriber.error) return <ErrorState error={subscriber.error} />;
  const s = subscriber.data!;
  return (
    <>
      <PageHeader
        title={s.name || s.email || `#${s.id}`}
        crumbs={[{ label: t('nav.subscribers'), to: '/audience/subscribers' }, { label: s.email ?? `#${s.id}` }]}
        badge={
          <Badge color={STATUS_COLORS[s.status]} variant="light">
            {t(`subscriberStatus.${s.status}`)}
          </Badge>
        }
        description={s.email ?? t('subscribers.erased')}
        actions={<SubscriberActions subscriber={s} />}
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <ValueCard profile={value.data} error={value.error} loading={value.isLoading} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack>
            <LtvCard profile={value.data} />
            <DetailsCard subscriber={s} />
          </Stack>
        </Grid.Col>
      </Grid>
      <Paper withBorder p="md" mt="md">
        <Tabs defaultValue="timeline" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="timeline">{t('profile.timeline')}</Tabs.Tab>
            <Tabs.Tab value="points">{t('profile.points')}</Tabs.Tab>
            <Tabs.Tab value="interests">{t('profile.interests')}</Tabs.Tab>
            <Tabs.Tab value="consent">{t('profile.consent')}</Tabs.Tab>
            {value.data && <Tabs.Tab value="explain">{t('profile.explain')}</Tabs.Tab>}
          </Tabs.List>
          <Tabs.Panel value="timeline" pt="md">
            <EventTimeline subscriberId={id} />
          </Tabs.Panel>
          <Tabs.Panel value="points" pt="md">
            <PointsPanel subscriberId={id} />
          </Tabs.Panel>
          <Tabs.Panel value="interests" pt="md">
            <InterestsPanel subscriberId={id} profile={value.data} />
          </Tabs.Panel>
          <Tabs.Panel value="consent" pt="md">
            <ConsentPanel subscriberId={id} />
          </Tabs.Panel>
          {value.data && (
            <Tabs.Panel value="explain" pt="md">
              <ExplainPanel profile={value.data} />
            </Tabs.Panel>
          )}
        </Tabs>
      </Paper>
    </>
  );
}

function SubscriberActions({ subscriber: s }: { subscriber: Subscriber }) {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const navigate = useNavigate();
  const update = useMutation({
    mutationFn: (status: Subscriber['status']) => subscribersApi.update(s.id, { status }),
    onSuccess: () => {
      notifySuccess(t('common.saved'));
      void client.invalidateQueries({ queryKey: ['subscriber', s.id] });
    },
    onError: (e) => notifyError(e),
  });
  if (!can.write || s.erasedAt) return null;
  return (
    <>
      <EditNames subscriber={s} />
      <Select
        aria-label={t('subscribers.status')}
        data={SUBSCRIBER_STATUSES.map((v) => ({ value: v, label: t(`subscriberStatus.${v}`) }))}
        value={s.status}
        onChange={(v) => v && v !== s.status && update.mutate(v as Subscriber['status'])}
        allowDeselect={false}
        w={170}
      />
      <ConfirmButton
        variant="light"
        leftSection={<IconTrash size={16} />}
        title={t('subscribers.eraseTitle')}
        message={t('subscribers.eraseMessage', { email: s.email })}
        confirmLabel={t('subscribers.erase')}
        onConfirm={async () => {
          try {
            await subscribersApi.remove(s.id, true);
            notifySuccess(t('subscribers.erasedNotice'));
            void client.invalidateQueries({ queryKey: ['subscribers'] });
            void navigate('/audience/subscribers');
          } catch (e) {
            notifyError(e);
          }
        }}
      >
        {t('subscribers.erase')}
      </ConfirmButton>
    </>
  );
}

/** First, last and full name; a full name left as made from the parts follows them (the server decides). */
function EditNames({ subscriber: s }: { subscriber: Subscriber }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [opened, { open, close }] = useDisclosure(false);
  const form = useForm({ initialValues: { firstName: s.firstName, lastName: s.lastName, name: s.name } });
  const save = useMutation({
    mutationFn: (v: typeof form.values) =>
      subscribersApi.update(s.id, {
        firstName: v.firstName,
        lastName: v.lastName,
        ...(v.name !== s.name ? { name: v.name } : {}),
      }),
    onSuccess: () => {
      notifySuccess(t('common.saved'));
      void client.invalidateQueries({ queryKey: ['subscriber', s.id] });
      close();
    },
    onError: (e) => notifyError(e),
  });
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconPencil size={16} />}
        onClick={() => {
          form.setValues({ firstName: s.firstName, lastName: s.lastName, name: s.name });
          open();
        }}
      >
        {t('subscribers.editNames')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('subscribers.editNames')}>
        <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
          <Stack>
            <Group grow>
              <TextInput label={t('subscribers.firstName')} {...form.getInputProps('firstName')} data-autofocus />
              <TextInput label={t('subscribers.lastName')} {...form.getInputProps('lastName')} />
            </Group>
            <TextInput
              label={t('subscribers.name')}
              description={t('subscribers.nameHint')}
              {...form.getInputProps('name')}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
