import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Radio,
  Stack,
  Switch,
  Table,
  TagsInput,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconDownload, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { listsApi } from '../../api/endpoints';
import { ApiError } from '../../api/errors';
import type { ListInput, MailingList } from '../../api/types';
import { useCan } from '../../auth/AuthProvider';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { Empty, ErrorState, Loading } from '../../components/States';
import { fmtDate } from '../../lib/format';

export default function ListsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const lists = useQuery({ queryKey: ['lists'], queryFn: listsApi.all });
  return (
    <>
      <PageHeader title={t('lists.title')} description={t('lists.intro')} actions={can.write && <ListFormButton />} />
      <Paper withBorder p="md">
        {lists.isLoading && <Loading />}
        {lists.error && <ErrorState error={lists.error} retry={() => void lists.refetch()} />}
        {lists.data?.length === 0 && <Empty title={t('lists.none')}>{t('lists.noneHint')}</Empty>}
        {!!lists.data?.length && (
          <Table.ScrollContainer minWidth={640}>
            <Table highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('lists.name')}</Table.Th>
                  <Table.Th>{t('lists.optIn')}</Table.Th>
                  <Table.Th>{t('lists.tags')}</Table.Th>
                  <Table.Th>{t('lists.created')}</Table.Th>
                  <Table.Th>
                    <span className="sr-only">{t('common.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lists.data.map((l) => (
                  <Table.Tr key={l.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/audience/lists/${l.id}`} fw={600}>
                        {l.name}
                      </Anchor>
                      {l.description && (
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {l.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{t(`lists.optInModes.${l.optIn}`)}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {l.tags.map((tag) => (
                          <Badge key={tag} variant="outline" size="sm">
                            {tag}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>{fmtDate(l.createdAt)}</Table.Td>
                    <Table.Td ta="right">
                      <Button
                        component="a"
                        href={listsApi.exportUrl(l.id)}
                        variant="subtle"
                        size="xs"
                        leftSection={<IconDownload size={14} />}
                        download
                      >
                        {t('lists.exportCsv')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </>
  );
}

export function ListFormButton({ list }: { list?: MailingList }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const client = useQueryClient();
  const form = useForm<Required<ListInput>>({
    initialValues: {
      name: list?.name ?? '',
      description: list?.description ?? '',
      optIn: list?.optIn ?? 'single',
      publicForm: list?.publicForm ?? false,
      tags: list?.tags ?? [],
    },
    validate: { name: (v) => (v.trim() ? null : t('common.required')) },
  });
  const save = useMutation({
    mutationFn: (v: ListInput) => (list ? listsApi.update(list.id, v) : listsApi.create(v)),
    onSuccess: () => {
      notifySuccess(t('common.saved'));
      void client.invalidateQueries({ queryKey: ['lists'] });
      if (list) void client.invalidateQueries({ queryKey: ['list', list.id] });
      close();
      if (!list) form.reset();
    },
    onError: (e) =>
      e instanceof ApiError && Object.keys(e.fieldErrors).length ? form.setErrors(e.fieldErrors) : notifyError(e),
  });
  return (
    <>
      <Button
        leftSection={list ? undefined : <IconPlus size={16} />}
        variant={list ? 'default' : 'filled'}
        onClick={open}
      >
        {list ? t('common.edit') : t('lists.new')}
      </Button>
      <Modal opened={opened} onClose={close} title={list ? t('lists.edit') : t('lists.new')}>
        <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
          <Stack>
            <TextInput label={t('lists.name')} required {...form.getInputProps('name')} data-autofocus />
            <Textarea label={t('lists.description')} autosize minRows={2} {...form.getInputProps('description')} />
            <Radio.Group label={t('lists.optIn')} description={t('lists.optInHint')} {...form.getInputProps('optIn')}>
              <Group mt="xs">
                <Radio value="single" label={t('lists.optInModes.single')} />
                <Radio value="double" label={t('lists.optInModes.double')} />
              </Group>
            </Radio.Group>
            <Switch
              label={t('lists.publicForm')}
              description={
                list
                  ? t('lists.publicFormHint', { url: `${window.location.origin}/public/lists/${list.id}/subscribe` })
                  : t('lists.publicFormHintNew')
              }
              {...form.getInputProps('publicForm', { type: 'checkbox' })}
            />
            <TagsInput label={t('lists.tags')} {...form.getInputProps('tags')} />
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
