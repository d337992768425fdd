import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconTrash, IconUsers } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { segmentsApi } from '../../api/endpoints';
import { ApiError, segmentProblemsOf } from '../../api/errors';
import type { Segment } from '../../api/types';
import { useCan } from '../../auth/AuthProvider';
import { ConfirmButton } from '../../components/ConfirmButton';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, Loading } from '../../components/States';
import { fmtNumber } from '../../lib/format';
import { AudienceCharts } from './AudienceCharts';
import { SegmentBuilder } from './SegmentBuilder';
import { fromFilter, newCondition, newGroup, toFilter, type GroupNode } from './segment-model';

export default function SegmentEditorPage() {
  const params = useParams();
  const id = params.id ? Number(params.id) : undefined;
  const segment = useQuery({
    queryKey: ['segment', id],
    queryFn: () => segmentsApi.get(id!),
    enabled: id !== undefined,
  });
  if (id !== undefined && segment.isLoading) return <Loading />;
  if (segment.error) return <ErrorState error={segment.error} />;
  return <Editor key={id ?? 'new'} segment={segment.data} />;
}

function Editor({ segment }: { segment?: Segment }) {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [name, setName] = useState(segment?.name ?? '');
  const [description, setDescription] = useState(segment?.description ?? '');
  const [tree, setTree] = useState<GroupNode>(() =>
    segment ? fromFilter(segment.filter) : newGroup([newCondition('status')]),
  );
  const [nameError, setNameError] = useState<string | null>(null);
  const compiled = useMemo(() => toFilter(tree), [tree]);
  const json = compiled.filter ? JSON.stringify(compiled.filter) : '';
  // Count while the marketer edits, but not on every keystroke.
  const [debouncedJson] = useDebouncedValue(json, 400);
  const preview = useQuery({
    queryKey: ['segment-preview', debouncedJson],
    queryFn: ({ signal }) => segmentsApi.preview(JSON.parse(debouncedJson), 8, signal),
    enabled: !!debouncedJson,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 5_000,
  });
  const rowErrors = useMemo(() => {
    const out: Record<string, string> = {};
    if (preview.error instanceof ApiError) {
      for (const p of segmentProblemsOf(preview.error.details)) {
        const node = compiled.paths[p.path];
        if (node) out[node] = out[node] ? `${out[node]}; ${p.message}` : p.message;
      }
    }
    return out;
  }, [preview.error, compiled.paths]);
  const generalError = preview.error && Object.keys(rowErrors).length === 0 ? preview.error : null;
  const counting = preview.isFetching || json !== debouncedJson;

  useEffect(() => setNameError(null), [name]);

  const save = useMutation({
    mutationFn: () => {
      const body = { name: name.trim(), description, filter: compiled.filter! };
      return segment ? segmentsApi.update(segment.id, body) : segmentsApi.create(body);
    },
    onSuccess: (saved) => {
      notifySuccess(t('segments.saved', { name: saved.name }));
      void client.invalidateQueries({ queryKey: ['segments'] });
      void client.invalidateQueries({ queryKey: ['segment', saved.id] });
      if (!segment) void navigate(`/audience/segments/${saved.id}`, { replace: true });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.fieldErrors.name) setNameError(e.fieldErrors.name);
      else notifyError(e);
    },
  });

  const title = segment ? segment.name : t('segments.new');
  return (
    <>
      <PageHeader
        title={title}
        crumbs={[{ label: t('nav.segments'), to: '/audience/segments' }, { label: title }]}
        description={t('segments.builderIntro')}
        actions={
          segment && (
            <>
              <Button
                component="a"
                href={segmentsApi.exportUrl(segment.id)}
                variant="default"
                leftSection={<IconDownload size={16} />}
                download
              >
                {t('lists.exportCsv')}
              </Button>
              {can.write && (
                <ConfirmButton
                  variant="light"
                  leftSection={<IconTrash size={16} />}
                  title={t('segments.deleteTitle')}
                  message={t('segments.deleteMessage', { name: segment.name })}
                  confirmLabel={t('common.delete')}
                  onConfirm={async () => {
                    try {
                      await segmentsApi.remove(segment.id);
                      void client.invalidateQueries({ queryKey: ['segments'] });
                      void navigate('/audience/segments');
                    } catch (e) {
                      notifyError(e);
                    }
                  }}
                >
                  {t('common.delete')}
                </ConfirmButton>
              )}
            </>
          )
        }
      />
      <Tabs defaultValue="rules" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="rules">{t('segments.rules')}</Tabs.Tab>
          {segment && <Tabs.Tab value="report">{t('lists.report')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="rules">
          <Grid gap="md">
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <Paper withBorder p="md">
                <Stack>
                  <Group grow align="flex-start">
                    <TextInput
                      label={t('segments.name')}
                      required
                      value={name}
                      onChange={(e) => setName(e.currentTarget.value)}
                      error={nameError}
                      disabled={!can.write}
                    />
                  </Group>
                  <Textarea
                    label={t('segments.description')}
                    value={description}
                    onChange={(e) => setDescription(e.currentTarget.value)}
                    autosize
                    minRows={1}
                    disabled={!can.write}
                  />
                  <Title order={2} size="h5">
                    {t('segments.rules')}
                  </Title>
                  <SegmentBuilder
                    value={tree}
                    onChange={setTree}
                    errors={rowErrors}
                    incomplete={compiled.incomplete}
                    readOnly={!can.write}
                  />
                  {generalError && <ErrorState error={generalError} compact />}
                  {can.write && (
                    <Group justify="flex-end">
                      <Button
                        onClick={() => {
                          if (!name.trim()) return setNameError(t('common.required'));
                          save.mutate();
                        }}
                        loading={save.isPending}
                        disabled={!compiled.filter || Object.keys(rowErrors).length > 0}
                      >
                        {t('segments.save')}
                      </Button>
                    </Group>
                  )}
                </Stack>
              </Paper>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <Paper withBorder p="md" pos="sticky" top={72}>
                <Stack gap="xs">
                  <Group gap="xs">
                    <IconUsers size={20} aria-hidden />
                    <Text fw={600}>{t('segments.liveCount')}</Text>
                    {counting && <Loader size="xs" role="status" aria-label={t('segments.counting')} />}
                  </Group>
                  <Text fz={36} fw={700} aria-live="polite" data-testid="segment-count">
                    {compiled.filter ? (preview.data ? fmtNumber(preview.data.count) : '…') : '–'}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {compiled.filter ? t('segments.countHint') : t('segments.addConditionHint')}
                  </Text>
                  {compiled.incomplete.length > 0 && (
                    <Alert color="gray" p="xs">
                      <Text size="xs">{t('segments.incompleteRows', { count: compiled.incomplete.length })}</Text>
                    </Alert>
                  )}
                  {preview.data && preview.data.items.length > 0 && (
                    <>
                      <Text size="sm" fw={600} mt="sm">
                        {t('segments.sample')}
                      </Text>
                      <Table verticalSpacing={4}>
                        <Table.Tbody>
                          {preview.data.items.map((s) => (
                            <Table.Tr key={s.id}>
                              <Table.Td>
                                <Anchor component={Link} to={`/audience/subscribers/${s.id}`} size="sm">
                                  {s.email}
                                </Anchor>
                              </Table.Td>
                              <Table.Td>
                                <Badge size="xs" variant="light">
                                  {t(`subscriberStatus.${s.status}`)}
                                </Badge>
                              </Table.Td>
                            </Table.Tr>
                          ))}
                        </Table.Tbody>
                      </Table>
                    </>
                  )}
                </Stack>
              </Paper>
            </Grid.Col>
          </Grid>
        </Tabs.Panel>
        {segment && (
          <Tabs.Panel value="report">
            <SegmentReport id={segment.id} />
          </Tabs.Panel>
        )}
      </Tabs>
    </>
  );
}

function SegmentReport({ id }: { id: number }) {
  const report = useQuery({ queryKey: ['segment-report', id], queryFn: () => segmentsApi.report(id), retry: false });
  if (report.isLoading) return <Loading />;
  if (report.error) return <ErrorState error={report.error} />;
  return <AudienceCharts report={report.data!} />;
}
