import { Alert, Anchor, Button, FileInput, Group, Paper, Progress, Radio, Select, SimpleGrid, Stack, Stepper, Table, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconDownload, IconFileSpreadsheet } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { importsApi, listsApi } from '../../api/endpoints';
import { errorMessage } from '../../api/errors';
import type { ImportMode, ImportProgress } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { StatCard } from '../../components/StatCard';
import { guessColumns, previewCsv, toMapping, type ColumnChoice, type ColumnTarget, type CsvPreview } from '../../lib/csv-preview';
import { addSample, etaSeconds, formatDuration, rateOf, type ProgressSample } from '../../lib/eta';
import { fmtNumber } from '../../lib/format';

const PREVIEW_BYTES = 64 * 1024;
const TARGETS: ColumnTarget[] = ['email', 'name', 'externalId', 'locale', 'attribute', 'ignore'];

export default function ImportPage() {
  const { t } = useTranslation();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [columns, setColumns] = useState<ColumnChoice[]>([]);
  const [listId, setListId] = useState<string | null>(null);
  const [mode, setMode] = useState<ImportMode>('upsert');
  const [uploadFraction, setUploadFraction] = useState<number | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const [importId, setImportId] = useState<number | null>(null);
  const [done, setDone] = useState(false);
  const markDone = useCallback(() => setDone(true), []);
  const lists = useQuery({ queryKey: ['lists'], queryFn: listsApi.all });
  const mapping = useMemo(() => toMapping(columns), [columns]);

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setPreview(null);
    setFileError(null);
    if (!chosen) return;
    const head = await chosen.slice(0, PREVIEW_BYTES).text();
    const parsed = previewCsv(head, 5, chosen.size > PREVIEW_BYTES);
    if (!parsed.header.length || parsed.header.every((h) => !h)) return setFileError(t('import.emptyFile'));
    setPreview(parsed);
    setColumns(guessColumns(parsed.header));
  };

  const start = async () => {
    if (!file || !mapping.mapping) return;
    const form = new FormData();
    // Fields first: the server reads them before it streams the file to disk.
    if (listId) form.append('listId', listId);
    form.append('mode', mode);
    form.append('mapping', JSON.stringify(mapping.mapping));
    form.append('file', file, file.name);
    setStartError(null);
    setUploadFraction(0);
    try {
      const started = await importsApi.start(form, setUploadFraction);
      setImportId(started.id);
      setStep(3);
    } catch (e) {
      setStartError(errorMessage(e));
    } finally {
      setUploadFraction(null);
    }
  };

  const reset = () => {
    setStep(0);
    setFile(null);
    setPreview(null);
    setColumns([]);
    setImportId(null);
    setDone(false);
  };

  return (
    <>
      <PageHeader title={t('import.title')} description={t('import.intro')} />
      <Paper withBorder p="lg">
        <Stepper active={done ? 4 : step} onStepClick={(s) => importId === null && s < step && setStep(s)} allowNextStepsSelect={false} size="sm">
          <Stepper.Step label={t('import.steps.file')} description={t('import.steps.fileHint')}>
            <Stack maw={640} mt="md">
              <FileInput
                label={t('import.file')}
                description={t('import.fileHint')}
                accept=".csv,text/csv,text/plain"
                leftSection={<IconFileSpreadsheet size={16} />}
                value={file}
                onChange={(f) => void choose(f)}
                clearable
                data-testid="import-file"
              />
              {fileError && <Alert color="red">{fileError}</Alert>}
              {preview && (
                <Text size="sm" c="dimmed">
                  {t('import.detected', { columns: preview.header.length, delimiter: preview.delimiter === '\t' ? 'tab' : preview.delimiter })}
                </Text>
              )}
              <Group>
                <Button onClick={() => setStep(1)} disabled={!preview}>
                  {t('common.next')}
                </Button>
              </Group>
            </Stack>
          </Stepper.Step>

          <Stepper.Step label={t('import.steps.mapping')} description={t('import.steps.mappingHint')}>
            {preview && (
              <Stack mt="md">
                <Text size="sm">{t('import.mappingIntro')}</Text>
                <Table.ScrollContainer minWidth={Math.max(600, preview.header.length * 170)}>
                  <Table withColumnBorders withTableBorder verticalSpacing="xs">
                    <Table.Thead>
                      <Table.Tr>
                        {columns.map((c, i) => (
                          <Table.Th key={`${c.column}-${i}`} miw={160}>
                            <Stack gap={4}>
                              <Text size="xs" c="dimmed">
                                {t('import.column')}: <strong>{c.column || `#${i + 1}`}</strong>
                              </Text>
                              <Select
                                aria-label={t('import.targetFor', { column: c.column })}
                                data={TARGETS.map((target) => ({ value: target, label: t(`import.targets.${target}`) }))}
                                value={c.target}
                                onChange={(v) => setColumns(columns.map((x, j) => (j === i ? { ...x, target: (v as ColumnTarget) ?? 'ignore', key: v === 'attribute' ? x.key || x.column.toLowerCase().replace(/[^a-z0-9_]+/g, '_') : x.key } : x)))}
                                allowDeselect={false}
                                size="xs"
                              />
                              {c.target === 'attribute' && (
                                <TextInput
                                  size="xs"
                                  aria-label={t('import.attributeKeyFor', { column: c.column })}
                                  value={c.key}
                                  onChange={(e) => {
                                    const key = e.currentTarget.value;
                                    setColumns(columns.map((x, j) => (j === i ? { ...x, key } : x)));
                                  }}
                                />
                              )}
                            </Stack>
                          </Table.Th>
                        ))}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {preview.rows.map((row, r) => (
                        <Table.Tr key={r}>
                          {columns.map((c, i) => (
                            <Table.Td key={i} c={c.target === 'ignore' ? 'dimmed' : undefined} style={{ textDecoration: c.target === 'ignore' ? 'line-through' : undefined }}>
                              {row[i] ?? ''}
                            </Table.Td>
                          ))}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                <Text size="xs" c="dimmed">
                  {t('import.previewNote', { rows: preview.rows.length })}
                </Text>
                {mapping.problems.map((p) => (
                  <Alert key={p.key + JSON.stringify(p.values)} color="red" icon={<IconAlertTriangle size={16} />} p="xs">
                    {t(p.key, p.values)}
                  </Alert>
                ))}
                <Group>
                  <Button variant="default" onClick={() => setStep(0)}>
                    {t('common.back')}
                  </Button>
                  <Button onClick={() => setStep(2)} disabled={!mapping.mapping}>
                    {t('common.next')}
                  </Button>
                </Group>
              </Stack>
            )}
          </Stepper.Step>

          <Stepper.Step label={t('import.steps.options')} description={t('import.steps.optionsHint')}>
            <Stack maw={640} mt="md">
              <Select
                label={t('import.list')}
                description={t('import.listHint')}
                placeholder={t('import.noList')}
                data={(lists.data ?? []).map((l) => ({ value: String(l.id), label: l.name }))}
                value={listId}
                onChange={setListId}
                clearable
                searchable
              />
              <Radio.Group label={t('import.mode')} value={mode} onChange={(v) => setMode(v as ImportMode)}>
                <Stack gap="xs" mt="xs">
                  {(['upsert', 'add', 'update'] as const).map((m) => (
                    <Radio key={m} value={m} label={t(`import.modes.${m}`)} description={t(`import.modes.${m}Hint`)} />
                  ))}
                </Stack>
              </Radio.Group>
              {uploadFraction !== null && (
                <Stack gap={4}>
                  <Text size="sm">{t('import.uploading')}</Text>
                  <Progress value={uploadFraction * 100} aria-label={t('import.uploading')} />
                </Stack>
              )}
              {startError && (
                <Alert color="red" icon={<IconAlertTriangle size={16} />} role="alert">
                  {startError}
                </Alert>
              )}
              <Group>
                <Button variant="default" onClick={() => setStep(1)}>
                  {t('common.back')}
                </Button>
                <Button onClick={() => void start()} loading={uploadFraction !== null} data-testid="import-start">
                  {t('import.start')}
                </Button>
              </Group>
            </Stack>
          </Stepper.Step>

          <Stepper.Step label={t('import.steps.progress')} description={t('import.steps.progressHint')}>
            {importId !== null && <ImportRunView id={importId} onAnother={reset} onDone={markDone} />}
          </Stepper.Step>
          <Stepper.Completed>{importId !== null && <ImportRunView id={importId} onAnother={reset} onDone={markDone} />}</Stepper.Completed>
        </Stepper>
      </Paper>
    </>
  );
}

function ImportRunView({ id, onAnother, onDone }: { id: number; onAnother: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const samples = useRef<ProgressSample[]>([]);
  const run = useQuery({
    queryKey: ['import', id],
    queryFn: () => importsApi.progress(id),
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'finished' || q.state.data.status === 'failed') ? false : 1000),
  });
  const p: ImportProgress | undefined = run.data;
  useEffect(() => {
    if (p) samples.current = addSample(samples.current, { at: Date.now(), done: p.bytesRead });
    if (p?.status === 'finished') void client.invalidateQueries({ queryKey: ['subscribers'] });
    if (p?.status === 'finished' || p?.status === 'failed') onDone();
  }, [p, client, onDone]);
  if (!p) return null;
  const done = p.status === 'finished' || p.status === 'failed';
  // Bytes drive the bar (the row count is unknown until the end); the server's rows/s is the rate shown.
  const bytesRate = rateOf(samples.current);
  const eta = done ? 0 : (etaSeconds(p.bytesTotal - p.bytesRead, bytesRate) ?? p.etaSeconds);
  const units = { s: t('units.s'), min: t('units.min'), h: t('units.h') };
  return (
    <Stack mt="md" data-testid="import-progress">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {p.fileName}
        </Title>
        <Text fw={600} c={p.status === 'failed' ? 'red' : p.status === 'finished' ? 'teal' : undefined} data-testid="import-status">
          {t(`import.status.${p.status}`)}
        </Text>
      </Group>
      <Progress.Root size={22} aria-label={t('import.progress')}>
        <Progress.Section value={p.percent} color={p.status === 'failed' ? 'red' : p.status === 'finished' ? 'teal' : 'indigo'} animated={!done}>
          <Progress.Label>{fmtNumber(p.percent, 1)}%</Progress.Label>
        </Progress.Section>
      </Progress.Root>
      <Text size="sm" c="dimmed" aria-live="polite">
        {done ? t('import.took', { time: p.startedAt && p.finishedAt ? formatDuration((Date.parse(p.finishedAt) - Date.parse(p.startedAt)) / 1000, units) : '–' }) : t('import.rateEta', { rate: fmtNumber(p.rate), eta: eta === null ? '…' : formatDuration(eta, units) })}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        <StatCard label={t('import.rowsRead')} value={fmtNumber(p.rowsRead)} />
        <StatCard label={t('import.imported')} value={fmtNumber(p.imported)} color="teal.8" />
        <StatCard label={t('import.updated')} value={fmtNumber(p.updated)} />
        <StatCard label={t('import.skipped')} value={fmtNumber(p.skipped)} />
        <StatCard label={t('import.failed')} value={<span data-testid="import-failed">{fmtNumber(p.failed)}</span>} color={p.failed ? 'red.8' : undefined} />
      </SimpleGrid>
      {p.error && (
        <Alert color="red" icon={<IconAlertTriangle size={16} />}>
          {p.error}
        </Alert>
      )}
      {done && (
        <Group>
          {p.failed > 0 && (
            <Button component="a" href={importsApi.errorsUrl(id)} download leftSection={<IconDownload size={16} />} color="red" variant="light" data-testid="bad-rows">
              {t('import.badRows', { count: p.failed })}
            </Button>
          )}
          {p.status === 'finished' && p.failed === 0 && (
            <Text c="teal.8" size="sm">
              <IconCheck size={14} /> {t('import.allGood')}
            </Text>
          )}
          {p.listId && (
            <Anchor component={Link} to={`/audience/lists/${p.listId}`}>
              {t('import.openList')}
            </Anchor>
          )}
          <Button variant="default" onClick={onAnother}>
            {t('import.another')}
          </Button>
        </Group>
      )}
      {done && p.failed > 0 && <BadRowsPreview id={id} />}
    </Stack>
  );
}

/** The first lines of the bad-row report, so the marketer sees why without opening a spreadsheet. */
function BadRowsPreview({ id }: { id: number }) {
  const { t } = useTranslation();
  const report = useQuery({
    queryKey: ['import', id, 'errors'],
    queryFn: async () => {
      const response = await fetch(importsApi.errorsUrl(id), { credentials: 'same-origin' });
      if (!response.ok) throw new Error(response.statusText);
      return previewCsv(await response.text(), 20);
    },
  });
  if (!report.data) return null;
  return (
    <Table withTableBorder striped data-testid="bad-rows-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('import.line')}</Table.Th>
          <Table.Th>{t('import.reason')}</Table.Th>
          <Table.Th>{t('subscribers.email')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {report.data.rows.map((row, i) => (
          <Table.Tr key={i}>
            <Table.Td>{row[0]}</Table.Td>
            <Table.Td>{row[1]}</Table.Td>
            <Table.Td>{row[2]}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
